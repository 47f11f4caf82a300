"use client";

import { Fragment, useState, type ReactNode } from "react";

import { asApiError } from "@/shared/api";
import { useTranslations } from "@/shared/i18n";
import { useApiErrorText } from "@/shared/lib/errors";
import { Button, Card, ConfirmDialog, useToast } from "@/shared/ui";

import styles from "./console.module.css";

/** Shows a failed request's error as an error toast. */
export function useFailureToast() {
  const toast = useToast();
  const errorText = useApiErrorText();
  return (error: unknown) => toast.show({ tone: "error", message: errorText(asApiError(error)) });
}

interface EditorOrToolbarProps<Item extends { id: string }> {
  /** The item being edited, "new" while one is being made, `null` while the editor is closed. */
  editing: Item | "new" | null;
  /** The editor card's title, for a new item (`null`) or the edited one. */
  title: (item: Item | null) => string;
  newLabel: string;
  onNew: () => void;
  /** Shown at the start of the toolbar. */
  intro?: ReactNode;
  /** The form for a new item (`null`) or the edited one; it starts afresh when another item opens. */
  children: (item: Item | null) => ReactNode;
}

/** Above a list: its editor in a card while one is open, else a toolbar with the "new" button. */
export function EditorOrToolbar<Item extends { id: string }>({
  editing,
  title,
  newLabel,
  onNew,
  intro,
  children,
}: EditorOrToolbarProps<Item>) {
  if (!editing) {
    return (
      <div className={styles.toolbar}>
        {intro}
        <span className={styles.spacer} />
        <Button variant="primary" onClick={onNew}>
          {newLabel}
        </Button>
      </div>
    );
  }
  const item = editing === "new" ? null : editing;
  return (
    <Card title={title(item)}>
      <Fragment key={item?.id ?? "new"}>{children(item)}</Fragment>
    </Card>
  );
}

/** The header cell over the row actions. */
export function ActionsHead() {
  const t = useTranslations("monitoring");
  return (
    <th>
      <span className={styles.muted}>{t("actions")}</span>
    </th>
  );
}

/** The last cell of a row, holding its buttons. */
export function RowActions({ children }: { children: ReactNode }) {
  return (
    <td>
      <div className={styles.rowActions}>{children}</div>
    </td>
  );
}

/** A row's "enabled" checkbox; a failed save shows as a toast. */
export function EnabledCell({
  label,
  enabled,
  onToggle,
}: {
  label: string;
  enabled: boolean;
  onToggle: (enabled: boolean) => Promise<unknown>;
}) {
  const showFailure = useFailureToast();
  return (
    <td>
      <input type="checkbox" aria-label={label} checked={enabled} onChange={(event) => onToggle(event.target.checked).catch(showFailure)} />
    </td>
  );
}

/** A row's delete button: asks `confirmText` first; a failed delete shows as a toast. */
export function DeleteButton({ confirmText, onDelete }: { confirmText: string; onDelete: () => Promise<unknown> }) {
  const t = useTranslations("monitoring");
  const tc = useTranslations("common");
  const showFailure = useFailureToast();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);

  const run = async () => {
    setBusy(true);
    try {
      await onDelete();
    } catch (error) {
      showFailure(error);
    } finally {
      setBusy(false);
      setAsking(false);
    }
  };

  return (
    <>
      <Button size="sm" variant="ghost" onClick={() => setAsking(true)}>
        {t("delete")}
      </Button>
      <ConfirmDialog
        open={asking}
        title={confirmText}
        confirmLabel={t("delete")}
        cancelLabel={t("cancel")}
        closeLabel={tc("close")}
        busy={busy}
        onConfirm={() => void run()}
        onCancel={() => setAsking(false)}
      />
    </>
  );
}

"use client";

import type { ReactNode } from "react";

import { useTranslations } from "@/shared/i18n";
import { Button, Dialog, FormActions } from "@/shared/ui";

import styles from "./member-controls.module.css";

export function ConfirmDialog({
  open,
  title,
  body,
  confirmLabel,
  busy,
  onConfirm,
  onClose,
}: {
  open: boolean;
  title: string;
  body: ReactNode;
  confirmLabel: string;
  busy?: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const t = useTranslations("projectMembers");
  const tc = useTranslations("common");
  return (
    <Dialog open={open} onClose={onClose} title={title} closeLabel={tc("close")} size="sm" role="alertdialog">
      <p className={styles.confirmBody}>{body}</p>
      <FormActions end>
        <Button variant="ghost" onClick={onClose}>
          {t("cancel")}
        </Button>
        <Button variant="danger" loading={busy} onClick={onConfirm}>
          {confirmLabel}
        </Button>
      </FormActions>
    </Dialog>
  );
}

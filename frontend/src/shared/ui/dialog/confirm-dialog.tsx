import type { ReactNode } from "react";

import { Button } from "../button";
import { FormActions } from "../form";
import { Dialog } from "./dialog";
import styles from "./dialog.module.css";

export interface ConfirmDialogProps {
  open: boolean;
  title: ReactNode;
  /** What happens if the user goes ahead. */
  body?: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  /** Accessible name of the × button. */
  closeLabel: string;
  /** While the confirmed action runs: the confirm button spins and cannot be pressed again. */
  busy?: boolean;
  tone?: "danger" | "primary";
  onConfirm: () => void;
  onCancel: () => void;
}

/** "Are you sure?" in the app's own dialog (an `alertdialog`), instead of the browser's confirm(). */
export function ConfirmDialog({
  open,
  title,
  body,
  confirmLabel,
  cancelLabel,
  closeLabel,
  busy,
  tone = "danger",
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  return (
    <Dialog open={open} onClose={onCancel} title={title} closeLabel={closeLabel} size="sm" role="alertdialog">
      {body ? <p className={styles.confirmBody}>{body}</p> : null}
      <FormActions end>
        <Button variant="ghost" onClick={onCancel}>
          {cancelLabel}
        </Button>
        <Button variant={tone} loading={busy} onClick={onConfirm}>
          {confirmLabel}
        </Button>
      </FormActions>
    </Dialog>
  );
}

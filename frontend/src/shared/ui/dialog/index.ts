export { ConfirmDialog, type ConfirmDialogProps } from "./confirm-dialog";
export { Dialog, type DialogProps } from "./dialog";

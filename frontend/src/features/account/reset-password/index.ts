export { resetPasswordApi, type ResetConfirmInput } from "./api/reset-api";
export { isInvalidLinkError, validateResetConfirm, validateResetRequest } from "./model/validate";
export { ResetConfirmForm, type ResetConfirmFormProps } from "./ui/reset-confirm-form";
export { ResetRequestForm } from "./ui/reset-request-form";

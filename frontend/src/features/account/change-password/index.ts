export { changePasswordApi } from "./api/change-password-api";
export { validateChangePassword, type ChangePasswordValues } from "./model/validate";
export { ChangePasswordForm } from "./ui/change-password-form";

export { ResetPasswordConfirmPage } from "./ui/reset-password-confirm-page";

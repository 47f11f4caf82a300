export { ResetPasswordConfirmPage as default } from "@/views/reset-password-confirm";

export { ResetPasswordPage as default } from "@/views/reset-password";

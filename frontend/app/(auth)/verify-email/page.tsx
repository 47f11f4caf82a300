export { VerifyEmailPage as default } from "@/views/verify-email";

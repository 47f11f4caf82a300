export {
  verifyEmailApi,
  useResendVerificationMutation,
  useVerifyEmailMutation,
  type CheckYourEmail,
  type EmailVerified,
} from "./api/verify-email-api";
export { ResendVerification } from "./ui/resend-verification";
export { VerifyEmailStatus } from "./ui/verify-email-status";

import { checkMatches, checkNewPassword, type FieldIssues } from "@/shared/lib/validation";

export interface VerifyEmailValues extends Record<string, string> {
  password: string;
  confirm: string;
}

export function validateVerifyEmail(values: VerifyEmailValues): FieldIssues<"password" | "confirm"> {
  const issues: FieldIssues<"password" | "confirm"> = {};
  const password = checkNewPassword(values.password);
  const confirm = checkMatches(values.confirm, values.password);
  if (password) issues.password = password;
  if (confirm) issues.confirm = confirm;
  return issues;
}

/** The server refuses a forged, used or expired link with this code (or an error on `token`). */
export function isInvalidVerificationLink(details: Record<string, string[]>, code: string): boolean {
  return code === "verification_link_invalid" || Boolean(details.token?.length);
}

import { checkEmail, checkMatches, checkNewPassword, type FieldIssues } from "@/shared/lib/validation";

export interface ResetRequestValues extends Record<string, string> {
  email: string;
}

export interface ResetConfirmValues extends Record<string, string> {
  new_password: string;
  confirm: string;
}

export function validateResetRequest(values: ResetRequestValues): FieldIssues<"email"> {
  const email = checkEmail(values.email);
  return email ? { email } : {};
}

export function validateResetConfirm(values: ResetConfirmValues): FieldIssues<"new_password" | "confirm"> {
  const issues: FieldIssues<"new_password" | "confirm"> = {};
  const password = checkNewPassword(values.new_password);
  const confirm = checkMatches(values.confirm, values.new_password);
  if (password) issues.new_password = password;
  if (confirm) issues.confirm = confirm;
  return issues;
}

/** The server refuses a bad, used or expired link with this code (or errors on uid/token). */
export function isInvalidLinkError(details: Record<string, string[]>, code: string): boolean {
  return code === "reset_link_invalid" || Boolean(details.uid?.length || details.token?.length);
}

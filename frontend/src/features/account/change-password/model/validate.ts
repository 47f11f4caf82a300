import { checkMatches, checkNewPassword, checkRequired, type FieldIssues } from "@/shared/lib/validation";

export interface ChangePasswordValues extends Record<string, string> {
  old_password: string;
  new_password: string;
  confirm: string;
}

export function validateChangePassword(values: ChangePasswordValues): FieldIssues<keyof ChangePasswordValues & string> {
  const issues: FieldIssues<keyof ChangePasswordValues & string> = {};
  const old = checkRequired(values.old_password);
  const next = checkNewPassword(values.new_password);
  const confirm = checkMatches(values.confirm, values.new_password);
  if (old) issues.old_password = old;
  if (next) issues.new_password = next;
  if (confirm) issues.confirm = confirm;
  return issues;
}

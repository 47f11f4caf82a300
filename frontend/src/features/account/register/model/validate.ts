import {
  checkEmail,
  checkMatches,
  checkMaxLength,
  checkNewPassword,
  checkRequired,
  DISPLAY_NAME_MAX_LENGTH,
  type FieldIssues,
} from "@/shared/lib/validation";

export interface RegisterValues extends Record<string, string> {
  display_name: string;
  email: string;
  password: string;
  password_confirm: string;
}

export function validateRegister(values: RegisterValues): FieldIssues<keyof RegisterValues & string> {
  const issues: FieldIssues<keyof RegisterValues & string> = {};
  const name = checkRequired(values.display_name) ?? checkMaxLength(values.display_name, DISPLAY_NAME_MAX_LENGTH);
  const email = checkEmail(values.email);
  const password = checkNewPassword(values.password);
  const confirm = checkMatches(values.password_confirm, values.password);
  if (name) issues.display_name = name;
  if (email) issues.email = email;
  if (password) issues.password = password;
  if (confirm) issues.password_confirm = confirm;
  return issues;
}

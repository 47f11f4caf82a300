import { checkEmail, checkRequired, type FieldIssues } from "@/shared/lib/validation";

export interface LoginValues extends Record<string, string> {
  email: string;
  password: string;
}

export function validateLogin(values: LoginValues): FieldIssues<keyof LoginValues & string> {
  const issues: FieldIssues<"email" | "password"> = {};
  const email = checkEmail(values.email);
  const password = checkRequired(values.password);
  if (email) issues.email = email;
  if (password) issues.password = password;
  return issues;
}

import { checkEmail, type FieldIssues } from "@/shared/lib/validation";

export interface InviteValues extends Record<string, string> {
  email: string;
  role: string;
}

export function validateInvite(values: InviteValues): FieldIssues<"email" | "role"> {
  return { email: checkEmail(values.email) ?? undefined };
}

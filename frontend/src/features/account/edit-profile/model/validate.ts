import { checkMaxLength, checkRequired, DISPLAY_NAME_MAX_LENGTH, type FieldIssues } from "@/shared/lib/validation";

export interface ProfileValues extends Record<string, string> {
  display_name: string;
  locale: string;
  timezone: string;
}

export function validateProfile(values: ProfileValues): FieldIssues<keyof ProfileValues & string> {
  const name = checkRequired(values.display_name) ?? checkMaxLength(values.display_name, DISPLAY_NAME_MAX_LENGTH);
  return name ? { display_name: name } : {};
}

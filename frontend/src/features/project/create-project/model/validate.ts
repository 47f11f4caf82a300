import { checkMaxLength, checkRequired, type FieldIssues } from "@/shared/lib/validation";

export const PROJECT_NAME_MAX = 200;
export const PROJECT_DESCRIPTION_MAX = 5000;

export interface CreateProjectValues extends Record<string, string> {
  name: string;
  description: string;
  deadline: string;
  status: string;
}

/** Mirrors the server's ProjectIn: a name of at most 200 characters. */
export function validateCreateProject(values: CreateProjectValues): FieldIssues<keyof CreateProjectValues & string> {
  return {
    name: checkRequired(values.name) ?? checkMaxLength(values.name.trim(), PROJECT_NAME_MAX) ?? undefined,
    description: checkMaxLength(values.description, PROJECT_DESCRIPTION_MAX) ?? undefined,
  };
}

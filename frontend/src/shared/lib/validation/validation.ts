/** Client-side checks mirror the server's rules; the server stays the judge. */
export const PASSWORD_MIN_LENGTH = 8;
export const DISPLAY_NAME_MAX_LENGTH = 150;

/** A failed check: the message key under `validation.*` and its values. */
export type ValidationIssue =
  | { key: "required" }
  | { key: "email" }
  | { key: "passwordMin"; values: { min: number } }
  | { key: "passwordMismatch" }
  | { key: "maxLength"; values: { max: number } };

// Deliberately loose: one @, something on both sides, a dot in the domain.
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function checkRequired(value: string): ValidationIssue | null {
  return value.trim() === "" ? { key: "required" } : null;
}

export function checkEmail(value: string): ValidationIssue | null {
  return checkRequired(value) ?? (EMAIL_RE.test(value.trim()) ? null : { key: "email" });
}

export function checkNewPassword(value: string): ValidationIssue | null {
  if (value === "") return { key: "required" };
  return value.length < PASSWORD_MIN_LENGTH ? { key: "passwordMin", values: { min: PASSWORD_MIN_LENGTH } } : null;
}

export function checkMatches(value: string, other: string): ValidationIssue | null {
  if (value === "") return { key: "required" };
  return value === other ? null : { key: "passwordMismatch" };
}

export function checkMaxLength(value: string, max: number): ValidationIssue | null {
  return value.length > max ? { key: "maxLength", values: { max } } : null;
}

export type FieldIssues<F extends string> = Partial<Record<F, ValidationIssue>>;

export function hasIssues<F extends string>(issues: FieldIssues<F>): boolean {
  return Object.values(issues).some(Boolean);
}

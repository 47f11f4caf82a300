"use client";

import { useCallback } from "react";
import { useTranslations } from "use-intl";

import type { ApiError } from "@/shared/api";
import type { ValidationIssue } from "../validation";

const KNOWN_CODES = [
  "invalid_credentials",
  "throttled",
  "network_error",
  "timeout",
  "server_error",
  "validation_error",
  "not_authenticated",
  "token_invalid",
  "token_revoked",
  "permission_denied",
  "not_found",
] as const;
type KnownCode = (typeof KNOWN_CODES)[number];

function isKnownCode(code: string): code is KnownCode {
  return (KNOWN_CODES as readonly string[]).includes(code);
}

/**
 * Text for an API error in the UI language: our own wording for codes we
 * know, else the server's message (it is localised by Accept-Language),
 * else a generic line.
 */
export function useApiErrorText(): (error: ApiError) => string {
  const t = useTranslations("errors");
  return useCallback(
    (error: ApiError) => {
      if (isKnownCode(error.code)) return t(error.code);
      return error.message || t("generic");
    },
    [t],
  );
}

/** Text for a client-side validation issue. */
export function useValidationText(): (issue: ValidationIssue | null | undefined) => string | null {
  const t = useTranslations("validation");
  return useCallback(
    (issue: ValidationIssue | null | undefined) => {
      if (!issue) return null;
      switch (issue.key) {
        case "passwordMin":
          return t("passwordMin", issue.values);
        case "maxLength":
          return t("maxLength", issue.values);
        default:
          return t(issue.key);
      }
    },
    [t],
  );
}

/** First server message per field, for the fields a form knows. */
export function serverFieldErrors<F extends string>(
  error: ApiError | null,
  fields: readonly F[],
): Partial<Record<F, string>> {
  const out: Partial<Record<F, string>> = {};
  if (!error) return out;
  for (const field of fields) {
    const first = error.details[field]?.[0];
    if (first) out[field] = first;
  }
  return out;
}

/** Server messages for fields the form does not show (e.g. `non_field_errors`). */
export function otherServerErrors(error: ApiError | null, fields: readonly string[]): string[] {
  if (!error) return [];
  return Object.entries(error.details)
    .filter(([field]) => !fields.includes(field))
    .flatMap(([, messages]) => messages);
}

import { MAX_ALLOWED_ORIGINS, MAX_RETENTION_DAYS, type Site } from "@/entities/site";

export const SITE_NAME_MAX_LENGTH = 200;

export interface SiteFormValues {
  name: string;
  /** Origins separated by new lines, commas or spaces. */
  origins: string;
  retention: string;
}

export type SiteFormIssue =
  | { key: "required" }
  | { key: "nameTooLong"; values: { max: number } }
  | { key: "originInvalid"; values: { origin: string } }
  | { key: "originsTooMany"; values: { max: number } }
  | { key: "retentionRange"; values: { max: number } };

export type SiteFormIssues = Partial<Record<keyof SiteFormValues, SiteFormIssue>>;

/** A saved site as form values (origins one per line). */
export function siteFormValues(site: Site): SiteFormValues {
  return { name: site.name, origins: site.allowed_origins.join("\n"), retention: String(site.retention_days) };
}

/**
 * `https://Example.com/` → `https://example.com`; null when it is not a bare
 * http(s) origin (a path, query or credentials mean the user pasted a URL).
 */
export function normaliseOrigin(raw: string): string | null {
  const value = raw.trim().replace(/\/+$/, "");
  if (!/^https?:\/\/[^/?#\s]+$/i.test(value)) return null;
  try {
    const url = new URL(value);
    if (url.username || url.password || !url.hostname) return null;
    return url.origin.toLowerCase();
  } catch {
    return null;
  }
}

export function splitOrigins(raw: string): string[] {
  return raw
    .split(/[\s,]+/)
    .map((part) => part.trim())
    .filter(Boolean);
}

/** Client checks that mirror the server's; the server stays the judge. */
export function validateSiteForm(values: SiteFormValues): SiteFormIssues {
  const issues: SiteFormIssues = {};
  const name = values.name.trim();
  if (!name) issues.name = { key: "required" };
  else if (name.length > SITE_NAME_MAX_LENGTH) issues.name = { key: "nameTooLong", values: { max: SITE_NAME_MAX_LENGTH } };

  const origins = splitOrigins(values.origins);
  const invalid = origins.find((origin) => normaliseOrigin(origin) === null);
  if (origins.length === 0) issues.origins = { key: "required" };
  else if (invalid) issues.origins = { key: "originInvalid", values: { origin: invalid } };
  else if (origins.length > MAX_ALLOWED_ORIGINS) issues.origins = { key: "originsTooMany", values: { max: MAX_ALLOWED_ORIGINS } };

  const retention = Number(values.retention);
  if (!/^\d+$/.test(values.retention.trim()) || retention < 1 || retention > MAX_RETENTION_DAYS) {
    issues.retention = { key: "retentionRange", values: { max: MAX_RETENTION_DAYS } };
  }
  return issues;
}

/** The request body for valid values (origins normalised and de-duplicated). */
export function toSiteCreate(values: SiteFormValues) {
  const origins = [...new Set(splitOrigins(values.origins).map((origin) => normaliseOrigin(origin) ?? origin))];
  return { name: values.name.trim(), allowed_origins: origins, retention_days: Number(values.retention) };
}

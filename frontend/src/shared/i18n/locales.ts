export const LOCALES = ["ko", "en"] as const;
export type AppLocale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: AppLocale = "ko";
export const DEFAULT_TIME_ZONE = "Asia/Seoul";

/** Cookie read by the root layout so the first paint is already in the right language. */
export const LOCALE_COOKIE = "vp_locale";

export function isLocale(value: unknown): value is AppLocale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

export function normaliseLocale(value: unknown): AppLocale {
  return isLocale(value) ? value : DEFAULT_LOCALE;
}

let active: AppLocale = DEFAULT_LOCALE;

/** The locale the UI currently speaks; read by the API client for Accept-Language. */
export function getActiveLocale(): AppLocale {
  return active;
}

export function setActiveLocale(locale: AppLocale): void {
  active = locale;
}

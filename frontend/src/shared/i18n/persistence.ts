import { LOCALE_COOKIE, type AppLocale } from "./locales";

const ONE_YEAR_SECONDS = 60 * 60 * 24 * 365;

/**
 * The choice lives in a cookie: the root layout reads it on the server, so
 * the first paint is already in the right language (localStorage could not
 * do that).
 */
export function persistLocale(locale: AppLocale): void {
  if (typeof document === "undefined") return;
  document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=${ONE_YEAR_SECONDS}; samesite=lax`;
  document.documentElement.lang = locale;
}

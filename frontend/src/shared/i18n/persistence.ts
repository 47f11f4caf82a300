import { LOCALE_COOKIE, LOCALE_STORAGE_KEY, type AppLocale } from "./locales";

const ONE_YEAR_SECONDS = 60 * 60 * 24 * 365;

export function persistLocale(locale: AppLocale): void {
  if (typeof document === "undefined") return;
  document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=${ONE_YEAR_SECONDS}; samesite=lax`;
  try {
    window.localStorage.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // Private mode: the cookie is enough.
  }
  document.documentElement.lang = locale;
}

export function readStoredLocale(): string | null {
  if (typeof window === "undefined") return null;
  try {
    return window.localStorage.getItem(LOCALE_STORAGE_KEY);
  } catch {
    return null;
  }
}

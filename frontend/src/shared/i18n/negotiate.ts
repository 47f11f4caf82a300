import { DEFAULT_LOCALE, isLocale, type AppLocale } from "./locales";

/**
 * Request header proxy.ts sets for pages a guest opens (share links) when no language was
 * chosen yet: the browser's own, from Accept-Language. The root layout reads it after the cookie.
 */
export const LOCALE_HINT_HEADER = "x-vp-locale";

/** Pages guests open without an account: their browser's language decides until they pick one. */
export const GUEST_PATH_PREFIXES = ["/share/"] as const;

export function isGuestPath(pathname: string): boolean {
  return GUEST_PATH_PREFIXES.some((prefix) => pathname.startsWith(prefix));
}

/** The most preferred language of an Accept-Language header that the UI speaks; Korean otherwise. */
export function negotiateLocale(acceptLanguage: string | null | undefined): AppLocale {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  const ranked = acceptLanguage
    .split(",")
    .map((entry, index) => {
      const [tag = "", ...params] = entry.split(";").map((part) => part.trim());
      const quality = params.find((param) => param.startsWith("q="));
      return { language: tag.toLowerCase().split("-")[0], q: quality ? Number(quality.slice(2)) : 1, index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked.map((entry) => entry.language).find(isLocale) ?? DEFAULT_LOCALE;
}

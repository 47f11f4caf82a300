import { LOCALES, type AppLocale } from "./locales";

/** Each language named in itself, whatever the UI speaks. */
export const LOCALE_NAMES: Record<AppLocale, string> = { ko: "한국어", en: "English" };

/** The languages as select/segmented options (`lang` marks the label's own language). */
export const LOCALE_OPTIONS = LOCALES.map((value) => ({ value, label: LOCALE_NAMES[value], lang: value }));

export {
  DEFAULT_LOCALE,
  DEFAULT_TIME_ZONE,
  LOCALE_COOKIE,
  LOCALES,
  getActiveLocale,
  isLocale,
  normaliseLocale,
  setActiveLocale,
  type AppLocale,
} from "./locales";
export { LOCALE_NAMES, LOCALE_OPTIONS } from "./locale-names";
export { LOCALE_HINT_HEADER, negotiateLocale } from "./negotiate";
export { messagesByLocale } from "./catalogues";
export { loadMessages, type Messages } from "./messages";
export { I18nProvider, useAppLocale, type I18nProviderProps } from "./provider";
export { useFormatter, useNow, useTranslations } from "use-intl";

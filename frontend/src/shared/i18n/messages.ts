import en from "./messages/en.json";
import ko from "./messages/ko.json";
import type { AppLocale } from "./locales";

export type Messages = typeof ko;

export const messagesByLocale: Record<AppLocale, Messages> = { ko, en };

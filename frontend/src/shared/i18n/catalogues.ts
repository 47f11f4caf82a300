import en from "./messages-en";
import ko from "./messages-ko";
import type { AppLocale } from "./locales";
import type { Messages } from "./messages";

/** Both catalogues at once, for tests and tooling only (never imported by app code). */
export const messagesByLocale: Record<AppLocale, Messages> = { ko, en };

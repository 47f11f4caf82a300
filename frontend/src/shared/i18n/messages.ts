import en from "./messages-en";
import ko from "./messages-ko";
import type { AppLocale } from "./locales";

/*
 * One catalogue per product area (core, projects, review, planning, monitoring,
 * analytics) and locale under messages/, merged per locale in messages-<locale>.ts.
 *
 * The app never bundles these statically: the root layout loads the active locale's
 * catalogue on the server and hands it to the provider, and a language switch loads the
 * other one on demand — so no catalogue sits in any route's first-load JavaScript.
 */
export type Messages = typeof ko;

/** Both catalogues at once, for tests and tooling only. */
export const messagesByLocale: Record<AppLocale, Messages> = { ko, en };

export function loadMessages(locale: AppLocale): Promise<Messages> {
  return locale === "en"
    ? import("./messages-en").then((module) => module.default)
    : import("./messages-ko").then((module) => module.default);
}

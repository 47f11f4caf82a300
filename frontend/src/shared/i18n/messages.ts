import type ko from "./messages-ko";
import type { AppLocale } from "./locales";

/*
 * One catalogue per product area (core, projects, review, planning, monitoring,
 * analytics) and locale under messages/, merged per locale in messages-<locale>.ts.
 *
 * The app never bundles these statically: the root layout loads the active locale's
 * catalogue on the server and hands it to the provider, and a language switch loads the
 * other one on demand — so no catalogue sits in any route's first-load JavaScript.
 * Only type imports of the catalogues belong here: a value import would put both
 * catalogues into every route (see catalogues.ts for tests and tooling).
 */
export type Messages = typeof ko;

export function loadMessages(locale: AppLocale): Promise<Messages> {
  return locale === "en"
    ? import("./messages-en").then((module) => module.default)
    : import("./messages-ko").then((module) => module.default);
}

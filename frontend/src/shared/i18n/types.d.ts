import type { AppLocale } from "./locales";
import type { Messages } from "./messages";

declare module "use-intl" {
  interface AppConfig {
    Locale: AppLocale;
    Messages: Messages;
  }
}

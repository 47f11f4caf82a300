import { cookies } from "next/headers";
import { createTranslator } from "use-intl/core";

import { routes } from "@/shared/config";
import { loadMessages, LOCALE_COOKIE, normaliseLocale } from "@/shared/i18n";
import { buttonClassName, EmptyState, InboxIcon, Logo } from "@/shared/ui";

/**
 * Rendered on the server with no client code: the root not-found boundary is part of
 * every route, so whatever it needed in the browser would ship with every page. The way
 * home is a plain link (a full load from a dead end is fine).
 */
export async function NotFoundPage() {
  const locale = normaliseLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  const t = createTranslator({ locale, messages: await loadMessages(locale) });
  return (
    <main style={{ minHeight: "100vh", display: "grid", placeItems: "center", padding: "var(--space-6)" }}>
      <title>{`${t("notFound.title")} · ${t("common.appName")}`}</title>
      <div style={{ display: "flex", flexDirection: "column", alignItems: "center", gap: "var(--space-6)" }}>
        <Logo />
        <EmptyState
          icon={<InboxIcon size={20} />}
          title={<span role="heading" aria-level={1}>{t("notFound.title")}</span>}
          body={t("notFound.body")}
          action={
            <a className={buttonClassName({ variant: "primary" })} href={routes.home}>
              {t("notFound.home")}
            </a>
          }
        />
      </div>
    </main>
  );
}

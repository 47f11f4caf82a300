"use client";

import Link from "next/link";

import { routes } from "@/shared/config";
import { useTranslations } from "@/shared/i18n";
import { buttonClassName, EmptyState, InboxIcon, Logo } from "@/shared/ui";

export function NotFoundPage() {
  const t = useTranslations("notFound");
  const tc = useTranslations("common");
  return (
    <main style={{ minHeight: "100vh", display: "grid", placeItems: "center", padding: "var(--space-6)" }}>
      <title>{`${t("title")} · ${tc("appName")}`}</title>
      <div style={{ display: "flex", flexDirection: "column", alignItems: "center", gap: "var(--space-6)" }}>
        <Logo />
        <EmptyState
          icon={<InboxIcon size={20} />}
          title={<span role="heading" aria-level={1}>{t("title")}</span>}
          body={t("body")}
          action={
            <Link className={buttonClassName({ variant: "primary" })} href={routes.home}>
              {t("home")}
            </Link>
          }
        />
      </div>
    </main>
  );
}

"use client";

import Link from "next/link";

import { NotificationPreferencesForm } from "@/features/account/notification-preferences";
import { routes } from "@/shared/config";
import { useTranslations } from "@/shared/i18n";
import { Card, Page, PageHeader } from "@/shared/ui";

/** `/profile/notifications`: which kinds of notification also come by e-mail, at once or in a daily digest. */
export function NotificationSettingsPage() {
  const t = useTranslations("notificationSettings");
  const tp = useTranslations("profile");
  const tc = useTranslations("common");

  return (
    <Page narrow>
      <title>{`${t("title")} · ${tc("appName")}`}</title>
      <PageHeader eyebrow={<Link href={routes.profile}>{tp("title")}</Link>} title={t("title")} description={t("subtitle")} />
      <Card title={t("sectionEmail")}>
        <NotificationPreferencesForm />
      </Card>
    </Page>
  );
}

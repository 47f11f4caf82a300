"use client";

import { NotificationFeed } from "@/widgets/notification-feed";
import { useTranslations } from "@/shared/i18n";
import { Page, PageHeader } from "@/shared/ui";

export function NotificationsPage() {
  const t = useTranslations("notifications");
  const tc = useTranslations("common");
  return (
    <Page narrow>
      <title>{`${t("title")} · ${tc("appName")}`}</title>
      <PageHeader title={t("title")} description={t("subtitle")} />
      <NotificationFeed />
    </Page>
  );
}

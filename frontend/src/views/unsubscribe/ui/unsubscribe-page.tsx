"use client";

import Link from "next/link";
import { useParams } from "next/navigation";

import { UnsubscribeConfirm } from "@/features/account/unsubscribe-notifications";
import { routes } from "@/shared/config";
import { useTranslations } from "@/shared/i18n";
import { AuthCard } from "@/shared/ui";

/** `/unsubscribe/<token>`: the link in a notification e-mail; works without signing in. */
export function UnsubscribePage() {
  const { token } = useParams<{ token: string }>();
  const t = useTranslations("unsubscribe");
  const tc = useTranslations("common");

  return (
    <AuthCard title={t("title")} footer={<Link href={routes.notificationSettings}>{t("manage")}</Link>}>
      <title>{`${t("title")} · ${tc("appName")}`}</title>
      <div data-testid="unsubscribe-page">
        <UnsubscribeConfirm token={token} />
      </div>
    </AuthCard>
  );
}

"use client";

import Link from "next/link";

import { useGetMeQuery } from "@/entities/user";
import { ChangePasswordForm } from "@/features/account/change-password";
import { ProfileForm } from "@/features/account/edit-profile";
import { LogoutEverywhereButton } from "@/features/account/logout-everywhere";
import { routes } from "@/shared/config";
import { useTranslations } from "@/shared/i18n";
import { Card, Page, PageHeader } from "@/shared/ui";

export function ProfilePage() {
  const t = useTranslations("profile");
  const tc = useTranslations("common");
  const tn = useTranslations("notificationSettings");
  const { data: user } = useGetMeQuery();
  if (!user) return null;

  return (
    <Page narrow>
      <title>{`${t("title")} · ${tc("appName")}`}</title>
      <PageHeader title={t("title")} description={t("subtitle")} />
      <Card title={t("sectionProfile")}>
        <ProfileForm key={user.id} user={user} />
      </Card>
      <Card title={t("sectionPassword")} description={t("passwordHelp")}>
        <ChangePasswordForm />
      </Card>
      <Card title={tn("title")}>
        <Link href={routes.notificationSettings}>{tn("profileLink")}</Link>
      </Card>
      <Card title={t("sectionSessions")} description={t("sessionsHelp")}>
        <LogoutEverywhereButton />
      </Card>
    </Page>
  );
}

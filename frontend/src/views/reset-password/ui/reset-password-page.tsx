"use client";

import Link from "next/link";

import { ResetRequestForm } from "@/features/account/reset-password";
import { routes } from "@/shared/config";
import { useTranslations } from "@/shared/i18n";
import { AuthCard } from "@/shared/ui";

export function ResetPasswordPage() {
  const t = useTranslations("auth.reset");
  const tc = useTranslations("common");
  return (
    <AuthCard title={t("title")} description={t("subtitle")} footer={<Link href={routes.login}>{t("backToLogin")}</Link>}>
      <title>{`${t("title")} · ${tc("appName")}`}</title>
      <ResetRequestForm />
    </AuthCard>
  );
}

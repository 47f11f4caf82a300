"use client";

import Link from "next/link";
import { Suspense } from "react";

import { RegisterForm } from "@/features/account/register";
import { useGuestOnly } from "@/entities/session";
import { routes } from "@/shared/config";
import { useTranslations } from "@/shared/i18n";
import { AuthCard } from "@/shared/ui";

function RegisterContent() {
  const t = useTranslations("auth.register");
  const tc = useTranslations("common");
  useGuestOnly();

  return (
    <AuthCard
      title={t("title")}
      description={t("subtitle")}
      footer={
        <>
          {t("haveAccount")} <Link href={routes.login}>{t("login")}</Link>
        </>
      }
    >
      <title>{`${t("title")} · ${tc("appName")}`}</title>
      <RegisterForm />
    </AuthCard>
  );
}

export function RegisterPage() {
  return (
    <Suspense>
      <RegisterContent />
    </Suspense>
  );
}

"use client";

import Link from "next/link";
import { Suspense, useState } from "react";

import { RegisterForm } from "@/features/account/register";
import { ResendVerification } from "@/features/account/verify-email";
import { useGuestOnly } from "@/entities/session";
import { routes } from "@/shared/config";
import { useTranslations } from "@/shared/i18n";
import { AuthCard, EmptyState, MailIcon } from "@/shared/ui";

function RegisterContent() {
  const t = useTranslations("auth.register");
  const tc = useTranslations("common");
  useGuestOnly();
  const [sentTo, setSentTo] = useState<string | null>(null);

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
      {sentTo ? (
        <div role="status">
          <EmptyState
            compact
            icon={<MailIcon size={20} />}
            title={t("sentTitle")}
            body={t("sentBody", { email: sentTo })}
            action={<ResendVerification email={sentTo} />}
          />
        </div>
      ) : (
        <RegisterForm onRegistered={setSentTo} />
      )}
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

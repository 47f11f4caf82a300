"use client";

import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { Suspense } from "react";
import { useSelector } from "react-redux";

import { LoginForm } from "@/features/account/auth-by-email";
import { ResendVerification } from "@/features/account/verify-email";
import { selectSessionEndReason, useGuestOnly } from "@/entities/session";
import { routes } from "@/shared/config";
import { useTranslations } from "@/shared/i18n";
import { AuthCard, FormAlert } from "@/shared/ui";

function LoginContent() {
  const t = useTranslations("auth.login");
  const tc = useTranslations("common");
  const next = useGuestOnly();
  const endReason = useSelector(selectSessionEndReason);
  const email = useSearchParams().get("email") ?? "";

  return (
    <AuthCard
      title={t("title")}
      description={t("subtitle")}
      footer={
        <>
          {t("noAccount")}{" "}
          <Link href={next === routes.home ? routes.register : `${routes.register}?next=${encodeURIComponent(next)}`}>
            {t("register")}
          </Link>
        </>
      }
    >
      <title>{`${t("title")} · ${tc("appName")}`}</title>
      {endReason === "expired" ? <FormAlert tone="info">{t("expired")}</FormAlert> : null}
      {endReason === "user" ? <FormAlert tone="success">{t("loggedOut")}</FormAlert> : null}
      <LoginForm
        initialEmail={email}
        passwordAside={<Link href={routes.resetPassword} style={{ fontSize: "var(--text-xs)" }}>{t("forgot")}</Link>}
        notVerifiedAction={(address) => <ResendVerification email={address} />}
      />
    </AuthCard>
  );
}

export function LoginPage() {
  return (
    <Suspense>
      <LoginContent />
    </Suspense>
  );
}

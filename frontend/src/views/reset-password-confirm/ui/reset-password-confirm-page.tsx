"use client";

import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { Suspense } from "react";

import { ResetConfirmForm } from "@/features/account/reset-password";
import { routes } from "@/shared/config";
import { useTranslations } from "@/shared/i18n";
import { AuthCard, PageSpinner } from "@/shared/ui";

function ConfirmContent() {
  const params = useSearchParams();
  return <ResetConfirmForm uid={params.get("uid")} token={params.get("token")} />;
}

export function ResetPasswordConfirmPage() {
  const t = useTranslations("auth.resetConfirm");
  const tr = useTranslations("auth.reset");
  const tc = useTranslations("common");
  return (
    <AuthCard title={t("title")} description={t("subtitle")} footer={<Link href={routes.login}>{tr("backToLogin")}</Link>}>
      <title>{`${t("title")} · ${tc("appName")}`}</title>
      <Suspense fallback={<PageSpinner label={tc("loading")} />}>
        <ConfirmContent />
      </Suspense>
    </AuthCard>
  );
}

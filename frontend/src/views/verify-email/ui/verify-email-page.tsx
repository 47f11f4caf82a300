"use client";

import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { Suspense } from "react";

import { VerifyEmailStatus } from "@/features/account/verify-email";
import { routes } from "@/shared/config";
import { useTranslations } from "@/shared/i18n";
import { AuthCard, PageSpinner } from "@/shared/ui";

function VerifyContent() {
  const params = useSearchParams();
  return <VerifyEmailStatus token={params.get("token")} />;
}

export function VerifyEmailPage() {
  const t = useTranslations("auth.verify");
  const tr = useTranslations("auth.reset");
  const tc = useTranslations("common");
  return (
    <AuthCard title={t("title")} footer={<Link href={routes.login}>{tr("backToLogin")}</Link>}>
      <title>{`${t("title")} · ${tc("appName")}`}</title>
      <Suspense fallback={<PageSpinner label={tc("loading")} />}>
        <VerifyContent />
      </Suspense>
    </AuthCard>
  );
}

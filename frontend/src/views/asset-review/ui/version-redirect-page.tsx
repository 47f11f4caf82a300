"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { useEffect } from "react";

import { useGetVersionQuery } from "@/entities/version";
import { asApiError } from "@/shared/api";
import { routes } from "@/shared/config";
import { useTranslations } from "@/shared/i18n";
import { useApiErrorText } from "@/shared/lib/errors";
import { AlertCircleIcon, EmptyState, PageSpinner } from "@/shared/ui";

/** Resolve a version id (as notifications link it) to its asset's review room. */
export function VersionRedirectPage({ versionId }: { versionId: string }) {
  const t = useTranslations("review");
  const errorText = useApiErrorText();
  const router = useRouter();
  const params = useSearchParams();
  const version = useGetVersionQuery(versionId);
  const feedback = params.get("feedback");

  useEffect(() => {
    if (!version.data) return;
    const query = new URLSearchParams({ version: versionId, ...(feedback ? { feedback } : {}) });
    router.replace(`${routes.assetReview(version.data.asset_id)}?${query.toString()}`);
  }, [feedback, router, version.data, versionId]);

  if (version.isError) {
    const error = asApiError(version.error);
    return <EmptyState tone="error" icon={<AlertCircleIcon size={20} />} title={error.status === 404 ? t("notFound") : errorText(error)} />;
  }
  return <PageSpinner label={t("loading")} />;
}

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
  // Everything the link asks the room for (a comment, a frame) goes along with the version.
  const passOn = params.toString();

  useEffect(() => {
    if (!version.data) return;
    const query = new URLSearchParams(passOn);
    query.set("version", versionId);
    router.replace(`${routes.assetReview(version.data.asset_id)}?${query.toString()}`);
  }, [passOn, router, version.data, versionId]);

  if (version.isError) {
    const error = asApiError(version.error);
    return <EmptyState tone="error" icon={<AlertCircleIcon size={20} />} title={error.status === 404 ? t("notFound") : errorText(error)} />;
  }
  return <PageSpinner label={t("loading")} />;
}

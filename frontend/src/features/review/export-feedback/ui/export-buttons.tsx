"use client";

import { useState } from "react";

import { getTokens } from "@/shared/api";
import { apiBaseUrl } from "@/shared/config";
import { useAppLocale, useTranslations } from "@/shared/i18n";
import { fileNameFrom } from "@/shared/lib/download";
import { Button, useToast } from "@/shared/ui";

type Format = "csv" | "edl";

/** Download the version's feedback as CSV (Excel-friendly) or an EDL of markers (Premiere / Resolve). */
export function ExportButtons({ versionId, disabled }: { versionId: string; disabled?: boolean }) {
  const t = useTranslations("reviewExport");
  const { locale } = useAppLocale();
  const toast = useToast();
  const [busy, setBusy] = useState<Format | null>(null);

  const download = async (format: Format) => {
    setBusy(format);
    try {
      // A plain link cannot carry the bearer token, so fetch and hand over a blob.
      const response = await fetch(`${apiBaseUrl()}/api/v1/versions/${versionId}/feedback/export/?format=${format}`, {
        headers: { Authorization: `Bearer ${getTokens()?.access ?? ""}`, "Accept-Language": locale },
      });
      if (!response.ok) throw new Error(String(response.status));
      const blob = await response.blob();
      const url = URL.createObjectURL(blob);
      const anchor = document.createElement("a");
      anchor.href = url;
      anchor.download = fileNameFrom(response.headers.get("content-disposition"), `feedback.${format}`);
      document.body.append(anchor);
      anchor.click();
      anchor.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 1_000);
    } catch {
      toast.show({ tone: "error", message: t("failed") });
    } finally {
      setBusy(null);
    }
  };

  return (
    <div role="group" aria-label={t("label")} style={{ display: "flex", gap: 6 }}>
      <Button size="sm" variant="ghost" loading={busy === "csv"} disabled={disabled} onClick={() => void download("csv")}>
        {t("csv")}
      </Button>
      <Button size="sm" variant="ghost" loading={busy === "edl"} disabled={disabled} onClick={() => void download("edl")}>
        {t("edl")}
      </Button>
    </div>
  );
}

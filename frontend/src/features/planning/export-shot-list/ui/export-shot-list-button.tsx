"use client";

import { asApiError } from "@/shared/api";
import { useTranslations } from "@/shared/i18n";
import { useApiErrorText } from "@/shared/lib/errors";
import { Button, useToast } from "@/shared/ui";

import { useExportShotListMutation } from "../api/export-api";

/** Save a text as a file through a temporary object URL. */
function saveFile(text: string, filename: string): void {
  // The decoded body lost its byte-order mark; put it back so Excel reads Hangul as UTF-8.
  const blob = new Blob([`\ufeff${text}`], { type: "text/csv;charset=utf-8" });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

export function ExportShotListButton({ planId, revision, disabled }: { planId: string; revision: number; disabled?: boolean }) {
  const t = useTranslations("planningExport");
  const errorText = useApiErrorText();
  const toast = useToast();
  const [exportCsv, { isLoading }] = useExportShotListMutation();

  const onClick = async () => {
    try {
      const { text, filename } = await exportCsv({ planId, revision }).unwrap();
      saveFile(text, filename);
    } catch (error) {
      toast.show({ tone: "error", message: errorText(asApiError(error)) });
    }
  };

  return (
    <Button variant="secondary" onClick={onClick} loading={isLoading} disabled={disabled}>
      {t("csv")}
    </Button>
  );
}

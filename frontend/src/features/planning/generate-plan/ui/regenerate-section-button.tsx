"use client";

import type { PlanSection } from "@/entities/plan";
import { asApiError } from "@/shared/api";
import { useTranslations } from "@/shared/i18n";
import { useApiErrorText } from "@/shared/lib/errors";
import { Button, RefreshIcon, useToast } from "@/shared/ui";

import { useRegeneratePlanSectionMutation } from "../api/generate-api";

export interface RegenerateSectionButtonProps {
  planId: string;
  section: PlanSection;
  /** Localised name of the section, for the accessible label and messages. */
  sectionLabel: string;
  disabledReason?: string | null;
}

/** Regenerate one named section of a finished plan, keeping the rest (202 + job). */
export function RegenerateSectionButton({ planId, section, sectionLabel, disabledReason }: RegenerateSectionButtonProps) {
  const t = useTranslations("planningGenerate");
  const errorText = useApiErrorText();
  const toast = useToast();
  const [regenerate, { isLoading }] = useRegeneratePlanSectionMutation();

  const onClick = async () => {
    try {
      const job = await regenerate({ planId, section }).unwrap();
      toast.show({
        tone: "info",
        message:
          job.status === "awaiting_approval"
            ? t("regenerateAwaiting", { section: sectionLabel })
            : t("regenerateStarted", { section: sectionLabel }),
      });
    } catch (error) {
      const apiError = asApiError(error);
      toast.show({
        tone: "error",
        message: apiError.code === "ai_not_configured" ? t("notConfiguredShort") : errorText(apiError),
      });
    }
  };

  return (
    <Button
      size="sm"
      variant="ghost"
      onClick={onClick}
      loading={isLoading}
      disabled={Boolean(disabledReason)}
      title={disabledReason ?? t("regenerateHint")}
      aria-label={t("regenerateFor", { section: sectionLabel })}
    >
      <RefreshIcon size={14} aria-hidden="true" />
      {t("regenerate")}
    </Button>
  );
}

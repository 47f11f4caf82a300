"use client";

import { useRestoreRevisionMutation } from "@/entities/plan";
import { asApiError } from "@/shared/api";
import { useTranslations } from "@/shared/i18n";
import { useApiErrorText } from "@/shared/lib/errors";
import { Button, useToast } from "@/shared/ui";

export interface RestoreRevisionButtonProps {
  planId: string;
  number: number;
  disabledReason?: string | null;
}

/** Make an earlier revision current again (stored as a new revision, so nothing is lost). */
export function RestoreRevisionButton({ planId, number, disabledReason }: RestoreRevisionButtonProps) {
  const t = useTranslations("planningRevisions");
  const errorText = useApiErrorText();
  const toast = useToast();
  const [restore, { isLoading }] = useRestoreRevisionMutation();

  const onClick = async () => {
    try {
      const plan = await restore({ planId, number }).unwrap();
      toast.show({ tone: "success", message: t("restored", { number, revision: plan.revision }) });
    } catch (error) {
      toast.show({ tone: "error", message: errorText(asApiError(error)) });
    }
  };

  return (
    <Button
      size="sm"
      variant="ghost"
      onClick={onClick}
      loading={isLoading}
      disabled={Boolean(disabledReason)}
      title={disabledReason ?? undefined}
      aria-label={t("restoreFor", { number })}
    >
      {t("restore")}
    </Button>
  );
}

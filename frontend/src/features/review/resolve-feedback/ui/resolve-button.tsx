"use client";

import { asApiError } from "@/shared/api";
import { useTranslations } from "@/shared/i18n";
import { useApiErrorText } from "@/shared/lib/errors";
import { Button, CheckCircleIcon, useToast } from "@/shared/ui";

import { useResolveFeedbackMutation } from "../api/resolve-api";

export interface ResolveButtonProps {
  versionId: string;
  feedbackId: string;
  resolved: boolean;
  disabled?: boolean;
}

export function ResolveButton({ versionId, feedbackId, resolved, disabled }: ResolveButtonProps) {
  const t = useTranslations("reviewFeedback");
  const errorText = useApiErrorText();
  const toast = useToast();
  const [resolve] = useResolveFeedbackMutation();

  const toggle = async () => {
    try {
      await resolve({ versionId, feedbackId, resolved: !resolved }).unwrap();
    } catch (caught) {
      toast.show({ tone: "error", message: t("resolveFailed", { reason: errorText(asApiError(caught)) }) });
    }
  };

  return (
    <Button
      size="sm"
      variant={resolved ? "secondary" : "ghost"}
      aria-pressed={resolved}
      disabled={disabled}
      onClick={() => void toggle()}
      data-testid="resolve-button"
    >
      <CheckCircleIcon size={14} />
      {resolved ? t("reopen") : t("resolve")}
    </Button>
  );
}

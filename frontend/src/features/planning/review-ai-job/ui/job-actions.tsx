"use client";

import {
  useApproveAIJobMutation,
  useRejectAIJobMutation,
  useRetryAIJobMutation,
  type AIJob,
} from "@/entities/ai-job";
import type { Role } from "@/entities/project";
import { asApiError } from "@/shared/api";
import { useTranslations } from "@/shared/i18n";
import { useApiErrorText } from "@/shared/lib/errors";
import { Button, useToast } from "@/shared/ui";

import { jobActionRules } from "../model/rules";
import styles from "./job-actions.module.css";

export interface JobActionsProps {
  job: AIJob;
  role: Role | null | undefined;
  /** Short description of the job for accessible names, e.g. "plan · 09:12". */
  label: string;
}

/** Approve / reject a costly job (owner, manager) or retry one that failed; disabled with the reason otherwise. */
export function JobActions({ job, role, label }: JobActionsProps) {
  const t = useTranslations("aiJobsActions");
  const errorText = useApiErrorText();
  const toast = useToast();
  const [approve, approving] = useApproveAIJobMutation();
  const [reject, rejecting] = useRejectAIJobMutation();
  const [retry, retrying] = useRetryAIJobMutation();
  const rules = jobActionRules(job, role);
  const busy = approving.isLoading || rejecting.isLoading || retrying.isLoading;

  const run = async (action: () => Promise<AIJob>, success: string) => {
    try {
      await action();
      toast.show({ tone: "success", message: success });
    } catch (error) {
      toast.show({ tone: "error", message: errorText(asApiError(error)) });
    }
  };

  if (!rules.showDecision && !rules.showRetry) return null;
  const decisionReason = rules.decisionReason ? t(`reasons.${rules.decisionReason}`) : null;
  const retryReason = rules.retryReason ? t(`reasons.${rules.retryReason}`) : null;
  const reasonId = `job-${job.id}-reason`;

  return (
    <div className={styles.actions}>
      {rules.showDecision ? (
        <>
          <Button
            size="sm"
            variant="primary"
            loading={approving.isLoading}
            disabled={busy || Boolean(decisionReason)}
            aria-label={t("approveFor", { job: label })}
            aria-describedby={decisionReason ? reasonId : undefined}
            onClick={() => run(() => approve(job.id).unwrap(), t("approved"))}
          >
            {t("approve")}
          </Button>
          <Button
            size="sm"
            variant="ghost"
            loading={rejecting.isLoading}
            disabled={busy || Boolean(decisionReason)}
            aria-label={t("rejectFor", { job: label })}
            aria-describedby={decisionReason ? reasonId : undefined}
            onClick={() => run(() => reject({ id: job.id }).unwrap(), t("rejected"))}
          >
            {t("reject")}
          </Button>
          {decisionReason ? (
            <span id={reasonId} className={styles.reason}>
              {decisionReason}
            </span>
          ) : null}
        </>
      ) : null}
      {rules.showRetry ? (
        <>
          <Button
            size="sm"
            variant="secondary"
            loading={retrying.isLoading}
            disabled={busy || Boolean(retryReason)}
            aria-label={t("retryFor", { job: label })}
            aria-describedby={retryReason ? reasonId : undefined}
            onClick={() => run(() => retry(job.id).unwrap(), t("retried"))}
          >
            {t("retry")}
          </Button>
          {retryReason ? (
            <span id={reasonId} className={styles.reason}>
              {retryReason}
            </span>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

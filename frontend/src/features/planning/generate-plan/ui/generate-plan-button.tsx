"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { AiNotConfigured } from "@/entities/ai-job";
import { asApiError } from "@/shared/api";
import { routes } from "@/shared/config";
import { useTranslations } from "@/shared/i18n";
import { useApiErrorText } from "@/shared/lib/errors";
import { Button, FormAlert } from "@/shared/ui";

import { useGeneratePlanMutation } from "../api/generate-api";
import { outcomeOfError, outcomeOfJob, type GenerateOutcome } from "../model/outcome";
import styles from "./generate.module.css";

export interface GeneratePlanButtonProps {
  briefId: string;
  projectId: string;
  briefTitle: string;
  disabledReason?: string | null;
}

/** Ask for a plan (202 + job). A running job opens the plan page; a costly one waits for approval. */
export function GeneratePlanButton({ briefId, projectId, briefTitle, disabledReason }: GeneratePlanButtonProps) {
  const t = useTranslations("planningGenerate");
  const errorText = useApiErrorText();
  const router = useRouter();
  const [generate, { isLoading }] = useGeneratePlanMutation();
  const [outcome, setOutcome] = useState<GenerateOutcome | null>(null);

  const onClick = async () => {
    setOutcome(null);
    try {
      const job = await generate(briefId).unwrap();
      const next = outcomeOfJob(job);
      setOutcome(next);
      if (next.kind === "started" && next.planId) router.push(routes.plan(next.planId));
    } catch (error) {
      setOutcome(outcomeOfError(asApiError(error)));
    }
  };

  return (
    <div className={styles.generate}>
      <Button
        variant="primary"
        onClick={onClick}
        loading={isLoading}
        disabled={Boolean(disabledReason)}
        title={disabledReason ?? undefined}
        aria-label={t("buttonFor", { title: briefTitle })}
      >
        {t("button")}
      </Button>
      {disabledReason ? <p className={styles.reason}>{disabledReason}</p> : null}
      <div aria-live="polite" className={styles.outcome}>
        {outcome?.kind === "started" ? <FormAlert tone="info">{t("started")}</FormAlert> : null}
        {outcome?.kind === "awaitingApproval" ? (
          <FormAlert tone="info" title={t("awaitingTitle")}>
            <p>{t("awaitingBody")}</p>
            {outcome.reasons.length ? (
              <ul className={styles.reasons}>
                {outcome.reasons.map((reason) => (
                  <li key={reason}>{reason}</li>
                ))}
              </ul>
            ) : null}
            <p className={styles.links}>
              <Link href={routes.projectAiJobs(projectId)}>{t("openJobs")}</Link>
              {outcome.planId ? <Link href={routes.plan(outcome.planId)}>{t("openPlan")}</Link> : null}
            </p>
          </FormAlert>
        ) : null}
        {outcome?.kind === "notConfigured" ? <AiNotConfigured /> : null}
        {outcome?.kind === "budget" ? (
          <FormAlert tone="error" title={t("budgetTitle")}>
            {outcome.message}
          </FormAlert>
        ) : null}
        {outcome?.kind === "error" ? <FormAlert tone="error">{errorText(outcome.error)}</FormAlert> : null}
      </div>
    </div>
  );
}

"use client";

import Link from "next/link";
import { useState } from "react";

import { formatDuration } from "@/features/planning/edit-brief";
import { GeneratePlanButton } from "@/features/planning/generate-plan";
import {
  PlanStatusBadge,
  useDeleteBriefMutation,
  useListBriefPlansQuery,
  type Brief,
} from "@/entities/plan";
import { asApiError } from "@/shared/api";
import { routes } from "@/shared/config";
import { useFormatter, useTranslations } from "@/shared/i18n";
import { useApiErrorText } from "@/shared/lib/errors";
import { Button, useToast } from "@/shared/ui";

import styles from "./brief-board.module.css";

export interface BriefCardProps {
  brief: Brief;
  projectId: string;
  /** Why the user may not change briefs or run AI; null when they may. */
  editDisabledReason: string | null;
  /** Why generation is off (AI not configured); null when it is on. */
  generateDisabledReason: string | null;
  onEdit: (brief: Brief) => void;
}

export function BriefCard({ brief, projectId, editDisabledReason, generateDisabledReason, onEdit }: BriefCardProps) {
  const t = useTranslations("planningBriefs");
  const tb = useTranslations("planningBrief");
  const format = useFormatter();
  const errorText = useApiErrorText();
  const toast = useToast();
  const [confirming, setConfirming] = useState(false);
  const [deleteBrief, { isLoading: deleting }] = useDeleteBriefMutation();
  const plans = useListBriefPlansQuery(brief.id);

  const onDelete = async () => {
    try {
      await deleteBrief(brief.id).unwrap();
      toast.show({ tone: "success", message: t("deleted", { title: brief.title }) });
    } catch (error) {
      setConfirming(false);
      toast.show({ tone: "error", message: errorText(asApiError(error)) });
    }
  };

  const meta = [
    brief.video_type,
    formatDuration(brief.target_duration_seconds),
    brief.platform,
    tb(`languages.${brief.language}`),
  ].filter(Boolean);

  return (
    <article className={styles.card} aria-labelledby={`brief-${brief.id}-title`} data-testid="brief-card">
      <header className={styles.cardHead}>
        <div className={styles.cardTitles}>
          <h3 id={`brief-${brief.id}-title`} className={styles.cardTitle}>
            {brief.title}
          </h3>
          <p className={styles.meta}>{meta.join(" · ")}</p>
        </div>
        <div className={styles.cardActions}>
          <Button
            size="sm"
            variant="ghost"
            onClick={() => onEdit(brief)}
            disabled={Boolean(editDisabledReason)}
            aria-label={t("editFor", { title: brief.title })}
          >
            {t("edit")}
          </Button>
          {confirming ? (
            <>
              <Button size="sm" variant="danger" loading={deleting} onClick={onDelete}>
                {t("confirmDelete")}
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setConfirming(false)} disabled={deleting}>
                {t("keep")}
              </Button>
            </>
          ) : (
            <Button
              size="sm"
              variant="ghost"
              onClick={() => setConfirming(true)}
              disabled={Boolean(editDisabledReason)}
              aria-label={t("deleteFor", { title: brief.title })}
            >
              {t("delete")}
            </Button>
          )}
        </div>
      </header>
      <p className={styles.description}>{brief.description}</p>
      {brief.audience || brief.tone ? (
        <dl className={styles.facts}>
          {brief.audience ? (
            <div>
              <dt>{tb("audience")}</dt>
              <dd>{brief.audience}</dd>
            </div>
          ) : null}
          {brief.tone ? (
            <div>
              <dt>{tb("tone")}</dt>
              <dd>{brief.tone}</dd>
            </div>
          ) : null}
        </dl>
      ) : null}
      <div className={styles.plans}>
        <h4 className={styles.plansTitle}>{t("plans")}</h4>
        {plans.data?.results.length ? (
          <ul className={styles.planList}>
            {plans.data.results.map((plan) => (
              <li key={plan.id} className={styles.planRow} data-testid="brief-plan">
                <Link href={routes.plan(plan.id)} className={styles.planLink}>
                  {t("planFrom", { date: format.dateTime(new Date(plan.created_at), { dateStyle: "medium", timeStyle: "short" }) })}
                </Link>
                <PlanStatusBadge status={plan.status} />
                {plan.status === "running" ? <span className={styles.meta}>{plan.progress_percent}%</span> : null}
                {plan.revision > 1 ? <span className={styles.meta}>{t("revision", { number: plan.revision })}</span> : null}
              </li>
            ))}
          </ul>
        ) : plans.isLoading ? null : (
          <p className={styles.meta}>{t("noPlans")}</p>
        )}
      </div>
      <GeneratePlanButton
        briefId={brief.id}
        projectId={projectId}
        briefTitle={brief.title}
        disabledReason={editDisabledReason ?? generateDisabledReason}
      />
    </article>
  );
}

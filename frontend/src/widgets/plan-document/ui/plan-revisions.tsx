"use client";

import { RestoreRevisionButton } from "@/features/planning/restore-plan-revision";
import { useListRevisionsQuery, type PlanSection, type RevisionSource } from "@/entities/plan";
import { useFormatter, useNow, useTranslations } from "@/shared/i18n";
import { atLeast } from "@/shared/lib/clock";
import { Card, EmptyState, LoadError, Skeleton } from "@/shared/ui";

import styles from "./plan-document.module.css";

export interface PlanRevisionsProps {
  planId: string;
  currentRevision: number;
  restoreDisabledReason: string | null;
}

/** Every stored version of the plan (generated, regenerated, edited, restored), newest first. */
export function PlanRevisions({ planId, currentRevision, restoreDisabledReason }: PlanRevisionsProps) {
  const t = useTranslations("planningRevisions");
  const ts = useTranslations("planningSections");
  const format = useFormatter();
  const now = useNow({ updateInterval: 60_000 });
  const { data, isLoading, isError, refetch } = useListRevisionsQuery(planId);

  return (
    <Card title={t("title")} description={t("description")} flush>
      {isLoading ? (
        <div className={styles.padded}>
          <Skeleton height={18} />
          <Skeleton height={18} />
        </div>
      ) : isError ? (
        <LoadError compact title={t("error")} onRetry={refetch} />
      ) : !data?.results.length ? (
        <EmptyState compact title={t("empty")} />
      ) : (
        <ol className={styles.revisions} data-testid="plan-revisions">
          {data.results.map((revision) => (
            <li key={revision.id} className={styles.revision} data-testid="plan-revision">
              <div className={styles.revisionText}>
                <span className={styles.revisionNumber}>{t("number", { number: revision.number })}</span>
                <span>
                  {t(`sources.${revision.source as RevisionSource}`)}
                  {revision.section ? ` · ${ts(revision.section as PlanSection)}` : ""}
                </span>
                <span className={styles.muted}>
                  {[revision.author?.display_name, format.relativeTime(new Date(revision.created_at), atLeast(now, revision.created_at))]
                    .filter(Boolean)
                    .join(" · ")}
                </span>
              </div>
              {revision.number === currentRevision ? (
                <span className={styles.currentTag}>{t("current")}</span>
              ) : (
                <RestoreRevisionButton planId={planId} number={revision.number} disabledReason={restoreDisabledReason} />
              )}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

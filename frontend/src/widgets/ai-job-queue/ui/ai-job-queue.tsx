"use client";

import Link from "next/link";
import { useState } from "react";

import { JobActions } from "@/features/planning/review-ai-job";
import {
  JOB_KINDS,
  JOB_STATUSES,
  usd,
  useListAIJobsQuery,
  useRiskReasons,
  type AIJob,
  type JobKind,
  type JobStatus,
} from "@/entities/ai-job";
import type { Role } from "@/entities/project";
import { PLAN_STEPS, type PlanSection } from "@/entities/plan";
import { routes } from "@/shared/config";
import { useFormatter, useTranslations } from "@/shared/i18n";
import { Badge, Card, cx, EmptyState, LoadError, SelectField, Skeleton } from "@/shared/ui";

import styles from "./ai-job-queue.module.css";

const STATUS_TONE: Record<JobStatus, string> = {
  queued: "neutral",
  awaiting_approval: "warning",
  running: "accent",
  succeeded: "success",
  failed: "danger",
  needs_attention: "danger",
  rejected: "neutral",
};

export interface AIJobQueueProps {
  projectId: string;
  role: Role | null | undefined;
}

/** Every AI job of the project, newest first, live from `ai_job.*` events; approve, reject and retry in place. */
export function AIJobQueue({ projectId, role }: AIJobQueueProps) {
  const t = useTranslations("aiJobsQueue");
  const tk = useTranslations("aiJobsKinds");
  const tst = useTranslations("aiJobsStatus");
  const tsec = useTranslations("planningSections");
  const sectionLabel = (section: string) =>
    (PLAN_STEPS as readonly string[]).includes(section) ? tsec(section as PlanSection) : section;
  const format = useFormatter();
  const [status, setStatus] = useState<JobStatus | "">("");
  const [kind, setKind] = useState<JobKind | "">("");
  const { data, isLoading, isError, error, refetch, isFetching } = useListAIJobsQuery({ projectId, status, kind });

  const riskReasons = useRiskReasons();
  const money = (value: string) =>
    format.number(usd(value), { style: "currency", currency: "USD", currencyDisplay: "narrowSymbol", minimumFractionDigits: 2, maximumFractionDigits: 4 });
  const labelOf = (job: AIJob) =>
    `${tk(job.kind)} · ${format.dateTime(new Date(job.created_at), { timeStyle: "short", dateStyle: "short" })}`;

  return (
    <Card
      title={t("title")}
      description={t("description")}
      flush
      actions={
        <div className={styles.filters}>
          <SelectField
            label={t("statusFilter")}
            value={status}
            onChange={(event) => setStatus(event.target.value as JobStatus | "")}
            options={[{ value: "", label: t("all") }, ...JOB_STATUSES.map((value) => ({ value, label: tst(value) }))]}
          />
          <SelectField
            label={t("kindFilter")}
            value={kind}
            onChange={(event) => setKind(event.target.value as JobKind | "")}
            options={[{ value: "", label: t("all") }, ...JOB_KINDS.map((value) => ({ value, label: tk(value) }))]}
          />
        </div>
      }
    >
      {isLoading ? (
        <div className={styles.padded}>
          <Skeleton height={20} />
          <Skeleton height={20} />
          <Skeleton height={20} />
        </div>
      ) : isError ? (
        <LoadError compact title={t("error")} error={error} onRetry={refetch} />
      ) : !data?.results.length ? (
        <EmptyState compact title={status || kind ? t("emptyFiltered") : t("empty")} body={status || kind ? undefined : t("emptyBody")} />
      ) : (
        <div className={styles.scroller} aria-busy={isFetching || undefined}>
          <table className={styles.table} data-testid="ai-job-queue">
            <thead>
              <tr>
                <th scope="col">{t("job")}</th>
                <th scope="col">{t("status")}</th>
                <th scope="col">{t("risk")}</th>
                <th scope="col" className={styles.right}>
                  {t("cost")}
                </th>
                <th scope="col">{t("attempts")}</th>
                <th scope="col">{t("actions")}</th>
              </tr>
            </thead>
            <tbody>
              {data.results.map((job) => (
                <tr key={job.id} data-testid="ai-job-row" data-status={job.status}>
                  <td>
                    <div className={styles.jobCell}>
                      <span className={styles.kind}>
                        {tk(job.kind)}
                        {typeof job.params.section === "string" ? ` · ${sectionLabel(job.params.section)}` : ""}
                      </span>
                      <span className={styles.muted}>
                        {[
                          t(`priorities.${job.priority}`),
                          job.created_by?.display_name,
                          format.dateTime(new Date(job.created_at), { dateStyle: "short", timeStyle: "short" }),
                          job.model,
                        ]
                          .filter(Boolean)
                          .join(" · ")}
                      </span>
                      {job.plan ? (
                        <Link href={routes.plan(job.plan)} className={styles.link}>
                          {t("openPlan")}
                        </Link>
                      ) : null}
                    </div>
                  </td>
                  <td>
                    <span className={cx(styles.status, styles[STATUS_TONE[job.status]])} data-testid="ai-job-status">
                      {tst(job.status)}
                    </span>
                    {job.error ? <p className={styles.error}>{job.error}</p> : null}
                    {job.approved_by ? (
                      <p className={styles.muted}>{t("approvedBy", { name: job.approved_by.display_name })}</p>
                    ) : null}
                    {job.rejected_by ? (
                      <p className={styles.muted}>{t("rejectedBy", { name: job.rejected_by.display_name })}</p>
                    ) : null}
                  </td>
                  <td>
                    <Badge tone={job.risk === "high" ? "danger" : "neutral"}>{t(`risks.${job.risk}`)}</Badge>
                    <RiskReasons reasons={riskReasons(job)} />
                  </td>
                  <td className={styles.right}>
                    <dl className={styles.costs}>
                      <div>
                        <dt>{t("estimated")}</dt>
                        <dd>{money(job.estimated_cost_usd)}</dd>
                      </div>
                      <div>
                        <dt>{t("actual")}</dt>
                        <dd data-testid="ai-job-cost">{money(job.cost_usd)}</dd>
                      </div>
                    </dl>
                    <span className={styles.muted}>
                      {t("tokensPair", { estimated: job.estimated_tokens, actual: job.tokens })}
                    </span>
                  </td>
                  <td className={styles.num}>
                    {job.attempts}/{job.max_attempts}
                  </td>
                  <td>
                    <JobActions job={job} role={role} label={labelOf(job)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

function RiskReasons({ reasons }: { reasons: string[] }) {
  if (!reasons.length) return null;
  return (
    <ul className={styles.reasons}>
      {reasons.map((reason) => (
        <li key={reason}>{reason}</li>
      ))}
    </ul>
  );
}

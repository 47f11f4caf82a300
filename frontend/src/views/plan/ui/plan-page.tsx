"use client";

import Link from "next/link";
import { useState } from "react";

import { PlanDocument, PlanRevisions } from "@/widgets/plan-document";
import { LoadErrorPage } from "@/widgets/load-error-page";
import { registerAIJobRealtime, useGetAISettingsQuery, useListAIJobsQuery } from "@/entities/ai-job";
import {
  hasResult,
  PLAN_STEPS,
  planApi,
  PlanProgress,
  PlanStatusBadge,
  registerPlanRealtime,
  useGetBriefQuery,
  useGetPlanQuery,
  type PlanSection,
} from "@/entities/plan";
import { roleAllows, useGetProjectQuery, useProjectRoom } from "@/entities/project";
import { routes } from "@/shared/config";
import { useFormatter, useTranslations } from "@/shared/i18n";
import { useRealtimeListeners } from "@/shared/lib/redux";
import { buttonClassName, FormAlert, Page, PageHeader, PageSpinner } from "@/shared/ui";

import styles from "./plan-page.module.css";

const POLL_MS = 4_000;

/** /plans/[id] — live progress while generating, then the plan with its shot list, storyboard and revisions. */
export function PlanPage({ planId }: { planId: string }) {
  const t = useTranslations("planningPlan");
  const ts = useTranslations("planningSections");
  const tp = useTranslations("planningProgress");
  const tc = useTranslations("common");
  const tpage = useTranslations("planningPage");
  const format = useFormatter();
  useRealtimeListeners(registerPlanRealtime, registerAIJobRealtime);
  // Events drive the page; polling while generating covers what happened before the socket joined.
  const cached = planApi.endpoints.getPlan.useQueryState(planId).data;
  const wholePlanInFlight = cached?.status === "queued" || cached?.status === "running";
  const inFlight = wholePlanInFlight || Boolean(cached?.busy);
  const plan = useGetPlanQuery(planId, { pollingInterval: inFlight ? POLL_MS : 0 });
  // A generation watched on this page keeps its finished progress bar as confirmation.
  const [watched, setWatched] = useState(false);
  if (wholePlanInFlight && !watched) setWatched(true);
  const projectId = plan.data?.project;
  const project = useGetProjectQuery(projectId ?? "", { skip: !projectId });
  const brief = useGetBriefQuery(plan.data?.brief ?? "", { skip: !plan.data?.brief });
  const waiting = useListAIJobsQuery(
    { projectId: projectId ?? "", status: "awaiting_approval" },
    { skip: !projectId || plan.data?.status !== "queued" },
  );
  const aiSettings = useGetAISettingsQuery(projectId ?? "", { skip: !projectId });
  useProjectRoom(projectId ?? "", Boolean(projectId));

  if (plan.isLoading) return <PageSpinner label={tc("loading")} />;
  if (plan.isError || !plan.data) {
    return <LoadErrorPage error={plan.error} notFoundTitle={t("notFound")} errorTitle={t("loadError")} onRetry={plan.refetch} />;
  }

  const current = plan.data;
  const role = project.data?.my_role;
  const canEdit = roleAllows(role, "upload");
  const generating = current.status === "queued" || current.status === "running";
  const editReason = !canEdit ? t("needsEditor") : current.busy ? t("busy") : null;
  // Like "generate" on the planning page: with AI off the server would only answer 503.
  const regenerateReason = aiSettings.data && !aiSettings.data.ai_configured ? tpage("aiOff") : null;
  const awaitingJob = waiting.data?.results.find((job) => job.plan === current.id);
  const title = brief.data?.title ?? t("untitled");

  return (
    <Page>
      <title>{`${title} · ${t("title")} · ${tc("appName")}`}</title>
      <PageHeader
        eyebrow={
          projectId ? (
            <Link href={routes.projectPlanning(projectId)}>
              {project.data ? t("eyebrow", { project: project.data.name }) : t("title")}
            </Link>
          ) : null
        }
        title={title}
        description={
          <span className={styles.headerMeta}>
            <PlanStatusBadge status={current.status} />
            <span>{t("meta", { model: current.model, revision: current.revision })}</span>
            <span>{format.dateTime(new Date(current.created_at), { dateStyle: "medium", timeStyle: "short" })}</span>
          </span>
        }
        actions={
          projectId ? (
            <Link href={routes.projectAiJobs(projectId)} className={buttonClassName({ variant: "secondary" })}>
              {t("jobsLink")}
            </Link>
          ) : null
        }
      />

      {awaitingJob ? (
        <FormAlert tone="info" title={t("awaitingTitle")}>
          {t("awaitingBody")}{" "}
          {projectId ? <Link href={routes.projectAiJobs(projectId)}>{t("openJobs")}</Link> : null}
        </FormAlert>
      ) : null}

      {generating || watched || current.status === "failed" || (current.status === "succeeded" && !hasResult(current)) ? (
        <PlanProgress plan={current} imagesStep={Boolean(aiSettings.data?.image_search_provider)} />
      ) : null}

      {current.status === "failed" ? (
        <FormAlert tone="error" title={t("failedTitle")}>
          {current.error || t("failedBody")}{" "}
          {projectId ? <Link href={routes.projectAiJobs(projectId)}>{t("retryInJobs")}</Link> : null}
        </FormAlert>
      ) : null}

      {current.busy ? (
        <FormAlert tone="info" title={t("regeneratingTitle")}>
          {t("regeneratingBody", {
            section: isSection(current.progress_step) ? ts(current.progress_step) : tp("steps.images"),
            percent: current.progress_percent,
          })}
        </FormAlert>
      ) : null}

      {hasResult(current) ? (
        <>
          <PlanDocument plan={current} editDisabledReason={editReason} regenerateDisabledReason={regenerateReason} />
          <PlanRevisions planId={current.id} currentRevision={current.revision} restoreDisabledReason={editReason} />
        </>
      ) : null}
    </Page>
  );
}

function isSection(step: string): step is PlanSection {
  return (PLAN_STEPS as readonly string[]).includes(step);
}

"use client";

import Link from "next/link";

import { AIJobQueue } from "@/widgets/ai-job-queue";
import { LoadErrorPage } from "@/widgets/load-error-page";
import { AIUsagePanel } from "@/widgets/ai-usage";
import { AISettingsForm } from "@/features/planning/edit-ai-settings";
import { AiNotConfigured, registerAIJobRealtime, useGetAISettingsQuery } from "@/entities/ai-job";
import { roleAllows, useGetProjectQuery, useProjectRoom } from "@/entities/project";
import { routes } from "@/shared/config";
import { useTranslations } from "@/shared/i18n";
import { useRealtimeListeners } from "@/shared/lib/redux";
import { buttonClassName, Card, EmptyState, Page, PageHeader, PageSpinner, Skeleton } from "@/shared/ui";

import styles from "./project-ai-jobs-page.module.css";

/** /projects/[id]/ai-jobs — the AI job queue, cost against budget, and the project's AI settings. */
export function ProjectAiJobsPage({ projectId }: { projectId: string }) {
  const t = useTranslations("aiJobsPage");
  const ts = useTranslations("aiJobsSettings");
  const tc = useTranslations("common");
  useRealtimeListeners(registerAIJobRealtime);
  const project = useGetProjectQuery(projectId);
  const settings = useGetAISettingsQuery(projectId, { skip: !project.isSuccess });
  useProjectRoom(projectId, project.isSuccess);

  if (project.isLoading) return <PageSpinner label={tc("loading")} />;
  if (project.isError || !project.data) {
    return <LoadErrorPage error={project.error} notFoundTitle={t("notFound")} errorTitle={t("loadError")} onRetry={project.refetch} />;
  }

  const role = project.data.my_role;
  const canManage = roleAllows(role, "manage");

  return (
    <Page>
      <title>{`${t("title")} · ${project.data.name} · ${tc("appName")}`}</title>
      <PageHeader
        eyebrow={<Link href={routes.project(projectId)}>{project.data.name}</Link>}
        title={t("title")}
        description={t("subtitle")}
        actions={
          <Link href={routes.projectPlanning(projectId)} className={buttonClassName({ variant: "secondary" })}>
            {t("planningLink")}
          </Link>
        }
      />
      {settings.data && !settings.data.ai_configured ? <AiNotConfigured /> : null}
      <AIUsagePanel projectId={projectId} />
      <div className={styles.columns}>
        <AIJobQueue projectId={projectId} role={role} />
        <Card title={ts("title")} description={ts("description")}>
          {settings.data ? (
            <AISettingsForm
              projectId={projectId}
              settings={settings.data}
              disabledReason={canManage ? null : ts("needsManager")}
            />
          ) : settings.isError ? (
            <EmptyState tone="error" compact title={ts("loadError")} />
          ) : (
            <Skeleton height={160} radius={8} />
          )}
          {settings.data ? (
            <p className={styles.images}>
              {settings.data.image_search_provider
                ? ts("imagesOn", { provider: settings.data.image_search_provider })
                : ts("imagesOff")}
            </p>
          ) : null}
        </Card>
      </div>
    </Page>
  );
}

"use client";

import Link from "next/link";
import { useState } from "react";

import { BriefCard } from "@/widgets/brief-board";
import { LoadErrorPage } from "@/widgets/load-error-page";
import { BriefForm } from "@/features/planning/edit-brief";
import { AiNotConfigured, useGetAISettingsQuery } from "@/entities/ai-job";
import { registerPlanRealtime, useListBriefsQuery, type Brief } from "@/entities/plan";
import { roleAllows, useGetProjectQuery, useProjectRoom } from "@/entities/project";
import { routes } from "@/shared/config";
import { useTranslations } from "@/shared/i18n";
import { useApiErrorText } from "@/shared/lib/errors";
import { useRealtimeListeners } from "@/shared/lib/redux";
import { asApiError } from "@/shared/api";
import { Button, buttonClassName, Card, EmptyState, Page, PageHeader, PageSpinner, Skeleton } from "@/shared/ui";

import styles from "./project-planning-page.module.css";

/** /projects/[id]/planning — briefs, the brief form, and generating plans from them. */
export function ProjectPlanningPage({ projectId }: { projectId: string }) {
  const t = useTranslations("planningPage");
  const tc = useTranslations("common");
  const errorText = useApiErrorText();
  useRealtimeListeners(registerPlanRealtime);
  const project = useGetProjectQuery(projectId);
  const settings = useGetAISettingsQuery(projectId);
  const briefs = useListBriefsQuery(projectId);
  const [editing, setEditing] = useState<Brief | null>(null);
  // A new key remounts the form empty after a save.
  const [formKey, setFormKey] = useState(0);
  useProjectRoom(projectId, project.isSuccess);

  if (project.isLoading) return <PageSpinner label={tc("loading")} />;
  if (project.isError || !project.data) {
    return <LoadErrorPage error={project.error} notFoundTitle={t("notFound")} errorTitle={t("loadError")} onRetry={project.refetch} />;
  }

  const canEdit = roleAllows(project.data.my_role, "upload");
  const editReason = canEdit ? null : t("needsEditor");
  const aiConfigured = settings.data?.ai_configured ?? true;
  const generateReason = aiConfigured ? null : t("aiOff");
  const closeForm = () => {
    setEditing(null);
    setFormKey((key) => key + 1);
  };

  return (
    <Page>
      <title>{`${t("title")} · ${project.data.name} · ${tc("appName")}`}</title>
      <PageHeader
        eyebrow={<Link href={routes.project(projectId)}>{project.data.name}</Link>}
        title={t("title")}
        description={t("subtitle")}
        actions={
          <Link href={routes.projectAiJobs(projectId)} className={buttonClassName({ variant: "secondary" })}>
            {t("jobsLink")}
          </Link>
        }
      />
      {settings.data && !settings.data.ai_configured ? <AiNotConfigured /> : null}
      <div className={styles.layout}>
        <section aria-labelledby="briefs-title" className={styles.list}>
          <div className={styles.listHead}>
            <h2 id="briefs-title" className={styles.sectionTitle}>
              {t("briefs", { count: briefs.data?.count ?? 0 })}
            </h2>
          </div>
          {briefs.isLoading ? (
            <div className={styles.skeletons}>
              <Skeleton height={140} radius={12} />
              <Skeleton height={140} radius={12} />
            </div>
          ) : briefs.isError ? (
            <EmptyState
              tone="error"
              title={t("briefsError")}
              body={briefs.error ? errorText(asApiError(briefs.error)) : undefined}
              action={<Button onClick={() => briefs.refetch()}>{t("retry")}</Button>}
            />
          ) : !briefs.data?.results.length ? (
            <EmptyState title={t("emptyTitle")} body={canEdit ? t("emptyBody") : t("emptyBodyReadOnly")} />
          ) : (
            <ul className={styles.briefs}>
              {briefs.data.results.map((brief) => (
                <li key={brief.id}>
                  <BriefCard
                    brief={brief}
                    projectId={projectId}
                    editDisabledReason={editReason}
                    generateDisabledReason={generateReason}
                    onEdit={(chosen) => setEditing(chosen)}
                  />
                </li>
              ))}
            </ul>
          )}
        </section>
        <aside className={styles.aside}>
          {canEdit ? (
            <Card
              title={editing ? t("editBrief", { title: editing.title }) : t("newBrief")}
              description={editing ? undefined : t("newBriefHint")}
            >
              <BriefForm
                key={editing ? `edit-${editing.id}` : `new-${formKey}`}
                projectId={projectId}
                brief={editing ?? undefined}
                onSaved={closeForm}
                onCancel={editing ? closeForm : undefined}
              />
            </Card>
          ) : (
            <Card title={t("newBrief")}>
              <p className={styles.muted}>{t("needsEditor")}</p>
            </Card>
          )}
        </aside>
      </div>
    </Page>
  );
}

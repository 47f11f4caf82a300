"use client";

import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, type ReactNode } from "react";

import {
  PresenceAvatars,
  RoleBadge,
  useGetProjectQuery,
  useProjectPresenceQuery,
  useProjectRoom,
  type Project,
} from "@/entities/project";
import { ProjectStatusControl } from "@/features/project/change-project-status";
import { asApiError } from "@/shared/api";
import { routes } from "@/shared/config";
import { useFormatter, useNow, useTranslations } from "@/shared/i18n";
import { formatDay } from "@/shared/lib/date";
import { useApiErrorText } from "@/shared/lib/errors";
import { ArrowRightIcon, Button, cx, EmptyState, FolderIcon, LinkOffIcon, Page, Skeleton } from "@/shared/ui";

import styles from "./project-shell.module.css";

const CLOSE_FORBIDDEN = 4403;
const REDIRECT_AFTER_MS = 2500;

export interface ProjectShellProps {
  projectId: string;
  children: (project: Project) => ReactNode;
}

/**
 * Everything a project page shares: the project, its live room (events into
 * the cache, presence), the header with status and deadline, and the tabs.
 * A member removed while viewing is told so and sent back to the list.
 */
export function ProjectShell({ projectId, children }: ProjectShellProps) {
  const t = useTranslations("projectOverview");
  const tc = useTranslations("common");
  const errorText = useApiErrorText();
  const router = useRouter();
  const project = useGetProjectQuery(projectId);
  const { closedCode } = useProjectRoom(projectId, project.isSuccess);
  const removed = closedCode !== null;

  useEffect(() => {
    if (!removed) return;
    const timer = window.setTimeout(() => router.replace(routes.projects), REDIRECT_AFTER_MS);
    return () => window.clearTimeout(timer);
  }, [removed, router]);

  if (removed) {
    return (
      <Page narrow>
        <EmptyState
          tone="error"
          icon={<LinkOffIcon size={20} />}
          title={closedCode === CLOSE_FORBIDDEN ? t("removedTitle") : t("deletedTitle")}
          body={t("removedBody")}
          action={
            <Link className={styles.back} href={routes.projects}>
              {t("backToList")}
            </Link>
          }
        />
      </Page>
    );
  }

  if (project.isLoading) {
    return (
      <Page>
        <div className={styles.loading} role="status" aria-label={tc("loading")}>
          <Skeleton width={120} height={14} />
          <Skeleton width={320} height={28} />
          <Skeleton height={220} />
        </div>
      </Page>
    );
  }

  if (project.isError || !project.data) {
    const error = asApiError(project.error);
    const missing = error.status === 404;
    return (
      <Page narrow>
        <EmptyState
          tone={missing ? "neutral" : "error"}
          icon={<FolderIcon size={20} />}
          title={<span role="heading" aria-level={1}>{missing ? t("notFound") : t("loadError")}</span>}
          body={missing ? t("notFoundBody") : errorText(error)}
          action={
            missing ? (
              <Link className={styles.back} href={routes.projects}>
                {t("backToList")}
              </Link>
            ) : (
              <Button onClick={() => void project.refetch()}>{tc("retry")}</Button>
            )
          }
        />
      </Page>
    );
  }

  return (
    <Page className={styles.page}>
      <title>{`${project.data.name} · ${tc("appName")}`}</title>
      <ProjectHeader project={project.data} />
      {children(project.data)}
    </Page>
  );
}

function ProjectHeader({ project }: { project: Project }) {
  const t = useTranslations("projectOverview");
  const tp = useTranslations("projects");
  const format = useFormatter();
  const now = useNow({ updateInterval: 3_600_000 });
  const pathname = usePathname();
  const presence = useProjectPresenceQuery(project.id);

  const tabs = [
    { href: routes.project(project.id), label: t("overview") },
    { href: routes.projectMembers(project.id), label: t("manageMembers") },
    { href: routes.projectAssets(project.id), label: t("assets") },
    { href: routes.projectPlanning(project.id), label: t("planning") },
  ];

  let due: string | null = null;
  if (project.deadline) {
    const deadline = new Date(`${project.deadline}T00:00:00`);
    const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
    const days = Math.round((deadline.getTime() - today.getTime()) / 86_400_000);
    due = days > 0 ? t("daysLeft", { days }) : days === 0 ? t("dueToday") : t("overdue", { days: -days });
  }

  return (
    <header className={styles.header}>
      <nav className={styles.crumbs} aria-label={tp("title")}>
        <Link href={routes.projects}>{tp("title")}</Link>
        <span aria-hidden="true">/</span>
      </nav>
      <div className={styles.titleRow}>
        <h1 className={styles.title} data-testid="project-name">
          {project.name}
        </h1>
        <PresenceAvatars users={presence.data ?? []} />
      </div>
      <div className={styles.meta}>
        <ProjectStatusControl project={project} />
        <span className={styles.metaItem}>
          <span className={styles.metaLabel}>{t("deadline")}</span>
          {project.deadline ? (
            <>
              {formatDay(format, project.deadline, now)}
              <span className={cx(styles.due, due && project.deadline < now.toISOString().slice(0, 10) && styles.overdue)}>
                {due}
              </span>
            </>
          ) : (
            t("noDeadline")
          )}
        </span>
        <span className={styles.metaItem}>
          <span className={styles.metaLabel}>{t("owner")}</span>
          {project.owner.display_name || project.owner.email}
        </span>
        {project.my_role ? (
          <span className={styles.metaItem} data-testid="my-role" data-role={project.my_role}>
            <span className={styles.metaLabel}>{t("myRole")}</span>
            <RoleBadge role={project.my_role} />
          </span>
        ) : null}
      </div>
      <nav className={styles.tabs} aria-label={t("tabsLabel")}>
        {tabs.map((tab) => (
          <Link
            key={tab.href}
            href={tab.href}
            className={styles.tab}
            aria-current={pathname === tab.href ? "page" : undefined}
          >
            {tab.label}
            {tab.href === routes.projectAssets(project.id) || tab.href === routes.projectPlanning(project.id) ? (
              <ArrowRightIcon size={12} />
            ) : null}
          </Link>
        ))}
      </nav>
    </header>
  );
}

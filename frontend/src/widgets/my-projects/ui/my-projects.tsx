"use client";

import Link from "next/link";

import { ProjectStatusBadge, registerProjectRealtime, useListProjectsQuery } from "@/entities/project";
import { routes } from "@/shared/config";
import { useFormatter, useNow, useTranslations } from "@/shared/i18n";
import { formatDay } from "@/shared/lib/date";
import { useRealtimeListeners } from "@/shared/lib/redux";
import { ArrowRightIcon, Card, EmptyState, FolderIcon, Skeleton } from "@/shared/ui";

import styles from "./my-projects.module.css";

const SHOWN = 5;

/** Dashboard card: the projects touched most recently. */
export function MyProjects() {
  const t = useTranslations("dashboardProjects");
  const tc = useTranslations("common");
  const format = useFormatter();
  const now = useNow({ updateInterval: 3_600_000 });
  useRealtimeListeners(registerProjectRealtime);
  const list = useListProjectsQuery({ ordering: "-updated_at" });
  const projects = (list.data?.results ?? []).slice(0, SHOWN);

  return (
    <Card
      flush
      title={t("title")}
      actions={
        <Link href={routes.projects} className={styles.link}>
          {t("viewAll")}
          <ArrowRightIcon size={12} />
        </Link>
      }
    >
      {list.isLoading ? (
        <div className={styles.loading} role="status" aria-label={tc("loading")}>
          <Skeleton height={22} />
          <Skeleton height={22} />
        </div>
      ) : projects.length === 0 ? (
        <EmptyState
          compact
          icon={<FolderIcon size={18} />}
          title={t("empty")}
          action={
            <Link href={routes.projects} className={styles.link}>
              {t("create")}
            </Link>
          }
        />
      ) : (
        <ul className={styles.list} data-testid="dashboard-projects">
          {projects.map((project) => (
            <li key={project.id}>
              <Link href={routes.project(project.id)} className={styles.row}>
                <span className={styles.name}>{project.name}</span>
                {project.deadline ? (
                  <span className={styles.deadline}>
                    {formatDay(format, project.deadline, now)}
                  </span>
                ) : null}
                <ProjectStatusBadge status={project.status} />
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

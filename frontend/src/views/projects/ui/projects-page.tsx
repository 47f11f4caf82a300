"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

import {
  PROJECT_STATUSES,
  ProjectStatusBadge,
  registerProjectRealtime,
  RoleBadge,
  useListProjectsQuery,
  type ProjectStatus,
} from "@/entities/project";
import { CreateProjectDialog } from "@/features/project/create-project";
import { routes } from "@/shared/config";
import { useFormatter, useNow, useTranslations } from "@/shared/i18n";
import { formatDay } from "@/shared/lib/date";
import { useRealtimeListeners } from "@/shared/lib/redux";
import { Avatar, Button, Card, EmptyState, FolderIcon, LoadError, Page, PageHeader, RefreshIcon, Skeleton } from "@/shared/ui";

import styles from "./projects-page.module.css";

type Ordering = "-updated_at" | "deadline" | "name";
const SEARCH_DELAY_MS = 250;

export function ProjectsPage() {
  const t = useTranslations("projects");
  const ts = useTranslations("projectStatus");
  const tc = useTranslations("common");
  const format = useFormatter();
  const now = useNow({ updateInterval: 60_000 });
  const router = useRouter();
  // Being added to a project (or losing one) arrives as a notification: the list refreshes.
  useRealtimeListeners(registerProjectRealtime);
  const [search, setSearch] = useState("");
  const [debounced, setDebounced] = useState("");
  const [status, setStatus] = useState<ProjectStatus | "">("");
  const [ordering, setOrdering] = useState<Ordering>("-updated_at");

  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(search), SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [search]);

  const list = useListProjectsQuery({ search: debounced, status, ordering });
  const projects = list.data?.results ?? [];
  const filtered = Boolean(debounced.trim() || status);
  const clear = () => {
    setSearch("");
    setDebounced("");
    setStatus("");
  };

  let body;
  if (list.isLoading) {
    body = (
      <div className={styles.loading} role="status" aria-label={tc("loading")}>
        {[0, 1, 2, 3].map((key) => (
          <Skeleton key={key} height={40} />
        ))}
      </div>
    );
  } else if (list.isError) {
    body = (
      <LoadError icon={<RefreshIcon size={20} />} title={t("loadError")} onRetry={list.refetch} />
    );
  } else if (projects.length === 0) {
    body = filtered ? (
      <EmptyState
        icon={<FolderIcon size={20} />}
        title={t("noMatchTitle")}
        body={t("noMatchBody")}
        action={<Button onClick={clear}>{t("clearFilters")}</Button>}
      />
    ) : (
      <EmptyState
        icon={<FolderIcon size={20} />}
        title={t("emptyTitle")}
        body={t("emptyBody")}
        action={<CreateProjectDialog onCreated={(project) => router.push(routes.project(project.id))} />}
      />
    );
  } else {
    body = (
      <table className={styles.table} data-testid="project-list">
        <thead>
          <tr>
            <th scope="col">{t("colName")}</th>
            <th scope="col">{t("colStatus")}</th>
            <th scope="col">{t("colDeadline")}</th>
            <th scope="col" className={styles.hideNarrow}>
              {t("colMembers")}
            </th>
            <th scope="col" className={styles.hideNarrow}>
              {t("colRole")}
            </th>
            <th scope="col" className={styles.right}>
              {t("colUpdated")}
            </th>
          </tr>
        </thead>
        <tbody>
          {projects.map((project) => (
            <tr key={project.id} data-testid="project-row">
              <td className={styles.nameCell}>
                <Link href={routes.project(project.id)} className={styles.name}>
                  <Avatar name={project.name} size={22} className={styles.projectIcon} />
                  <span className={styles.nameText}>{project.name}</span>
                </Link>
                {project.description ? <span className={styles.description}>{project.description}</span> : null}
              </td>
              <td>
                <ProjectStatusBadge status={project.status} />
              </td>
              <td className={styles.muted}>
                {project.deadline
                  ? formatDay(format, project.deadline, now)
                  : t("noDeadline")}
              </td>
              <td className={`${styles.muted} ${styles.hideNarrow}`}>{t("membersCount", { count: project.member_count })}</td>
              <td className={styles.hideNarrow}>{project.my_role ? <RoleBadge role={project.my_role} /> : null}</td>
              <td className={`${styles.muted} ${styles.right}`}>
                <time dateTime={project.updated_at}>{format.relativeTime(new Date(project.updated_at), now)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  }

  return (
    <Page>
      <title>{`${t("title")} · ${tc("appName")}`}</title>
      <PageHeader
        title={t("title")}
        description={t("subtitle")}
        actions={<CreateProjectDialog onCreated={(project) => router.push(routes.project(project.id))} />}
      />
      <Card flush>
        <div className={styles.toolbar} role="search">
          <label className={styles.search}>
            <span className={styles.srOnly}>{t("searchLabel")}</span>
            <input
              type="search"
              className={styles.input}
              placeholder={t("searchPlaceholder")}
              value={search}
              onChange={(event) => setSearch(event.target.value)}
              aria-label={t("searchLabel")}
            />
          </label>
          <select
            className={styles.select}
            aria-label={t("statusFilter")}
            value={status}
            onChange={(event) => setStatus(event.target.value as ProjectStatus | "")}
          >
            <option value="">{t("allStatuses")}</option>
            {PROJECT_STATUSES.map((value) => (
              <option key={value} value={value}>
                {ts(value)}
              </option>
            ))}
          </select>
          <select
            className={styles.select}
            aria-label={t("orderLabel")}
            value={ordering}
            onChange={(event) => setOrdering(event.target.value as Ordering)}
          >
            <option value="-updated_at">{t("orderUpdated")}</option>
            <option value="deadline">{t("orderDeadline")}</option>
            <option value="name">{t("orderName")}</option>
          </select>
          {list.data ? <span className={styles.count}>{t("count", { count: list.data.count })}</span> : null}
        </div>
        <div aria-busy={list.isFetching || undefined}>{body}</div>
      </Card>
    </Page>
  );
}

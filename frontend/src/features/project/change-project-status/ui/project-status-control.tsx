"use client";

import { manageReason, PROJECT_STATUSES, ProjectStatusBadge, type Project, type ProjectStatus } from "@/entities/project";
import { useTranslations } from "@/shared/i18n";
import { useApiErrorText } from "@/shared/lib/errors";
import { asApiError } from "@/shared/api";
import { useToast } from "@/shared/ui";

import { useUpdateProjectMutation } from "../api/update-project-api";
import styles from "./project-status-control.module.css";

/**
 * The project's status: a select for managers and owners (optimistic, put
 * back with a message on failure), a badge with the reason for everyone else.
 */
export function ProjectStatusControl({ project }: { project: Project }) {
  const t = useTranslations("projectOverview");
  const ts = useTranslations("projectStatus");
  const tr = useTranslations("projects.reasons");
  const errorText = useApiErrorText();
  const toast = useToast();
  const [updateProject] = useUpdateProjectMutation();
  const reason = manageReason(project.my_role);

  if (reason) {
    return (
      <span className={styles.readOnly} title={tr(reason)}>
        <ProjectStatusBadge status={project.status} />
      </span>
    );
  }

  const change = async (status: ProjectStatus) => {
    try {
      await updateProject({ id: project.id, patch: { status } }).unwrap();
      toast.show({ tone: "success", message: t("statusChanged", { status: ts(status) }), durationMs: 2500 });
    } catch (error) {
      toast.show({ tone: "error", message: `${t("statusChangeFailed")} ${errorText(asApiError(error))}` });
    }
  };

  return (
    <span className={styles.control} data-status={project.status}>
      <span className={styles.dot} aria-hidden="true" />
      <select
        aria-label={t("status")}
        className={styles.select}
        value={project.status}
        onChange={(event) => void change(event.target.value as ProjectStatus)}
        data-testid="project-status"
      >
        {PROJECT_STATUSES.map((status) => (
          <option key={status} value={status}>
            {ts(status)}
          </option>
        ))}
      </select>
    </span>
  );
}

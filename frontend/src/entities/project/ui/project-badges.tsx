"use client";

import { useTranslations } from "@/shared/i18n";
import { cx } from "@/shared/lib/classnames";

import type { ProjectStatus, Role } from "../model/types";
import styles from "./project-badges.module.css";

/** Pipeline stage as a calm coloured pill. */
export function ProjectStatusBadge({ status, className }: { status: ProjectStatus; className?: string }) {
  const t = useTranslations("projectStatus");
  return (
    <span className={cx(styles.status, styles[status], className)} data-status={status}>
      <span className={styles.statusDot} aria-hidden="true" />
      {t(status)}
    </span>
  );
}

export function RoleBadge({ role, className }: { role: Role; className?: string }) {
  const t = useTranslations("projectRole");
  return <span className={cx(styles.role, role === "owner" && styles.owner, className)}>{t(role)}</span>;
}

import type { ReactNode } from "react";

import { cx } from "@/shared/lib/classnames";
import styles from "./empty-state.module.css";

export interface EmptyStateProps {
  icon?: ReactNode;
  title: ReactNode;
  body?: ReactNode;
  action?: ReactNode;
  tone?: "neutral" | "error";
  compact?: boolean;
  className?: string;
}

/** Designed empty and error states — never a blank area. */
export function EmptyState({ icon, title, body, action, tone = "neutral", compact, className }: EmptyStateProps) {
  return (
    <div
      className={cx(styles.empty, tone === "error" && styles.error, compact && styles.compact, className)}
      role={tone === "error" ? "alert" : undefined}
    >
      {icon ? <span className={styles.icon}>{icon}</span> : null}
      <p className={styles.title}>{title}</p>
      {body ? <p className={styles.body}>{body}</p> : null}
      {action ? <div className={styles.action}>{action}</div> : null}
    </div>
  );
}

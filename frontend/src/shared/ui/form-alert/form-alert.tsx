import type { ReactNode } from "react";

import { AlertCircleIcon, CheckCircleIcon, InfoIcon } from "../icons";
import { cx } from "@/shared/lib/classnames";
import styles from "./form-alert.module.css";

export type AlertTone = "error" | "success" | "info";

export interface FormAlertProps {
  tone?: AlertTone;
  title?: ReactNode;
  children?: ReactNode;
  /** Small print under the message, e.g. a request id for support. */
  meta?: ReactNode;
  className?: string;
  id?: string;
}

/**
 * Errors are `role="alert"` (announced at once); success and info are
 * `role="status"` (announced politely).
 */
export function FormAlert({ tone = "error", title, children, meta, className, id }: FormAlertProps) {
  const Icon = tone === "error" ? AlertCircleIcon : tone === "success" ? CheckCircleIcon : InfoIcon;
  return (
    <div id={id} role={tone === "error" ? "alert" : "status"} className={cx(styles.alert, styles[tone], className)}>
      <Icon size={16} />
      <div className={styles.body}>
        {title ? <p className={styles.title}>{title}</p> : null}
        {children ? <div>{children}</div> : null}
        {meta ? <p className={styles.meta}>{meta}</p> : null}
      </div>
    </div>
  );
}

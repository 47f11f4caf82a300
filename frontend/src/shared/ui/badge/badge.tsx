import type { HTMLAttributes } from "react";

import { cx } from "@/shared/lib/classnames";
import styles from "./badge.module.css";

export interface BadgeProps extends HTMLAttributes<HTMLSpanElement> {
  tone?: "accent" | "danger" | "neutral";
}

export function Badge({ tone = "accent", className, ...rest }: BadgeProps) {
  return <span className={cx(styles.badge, styles[tone], className)} {...rest} />;
}

export function Dot({ className, ...rest }: HTMLAttributes<HTMLSpanElement>) {
  return <span className={cx(styles.dot, className)} {...rest} />;
}

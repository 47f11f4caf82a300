import type { CSSProperties } from "react";

import { cx } from "@/shared/lib/classnames";
import styles from "./skeleton.module.css";

export interface SkeletonProps {
  width?: CSSProperties["width"];
  height?: CSSProperties["height"];
  radius?: CSSProperties["borderRadius"];
  className?: string;
}

/** Placeholder block; decorative, so hidden from assistive tech. */
export function Skeleton({ width = "100%", height = 12, radius, className }: SkeletonProps) {
  return (
    <span
      className={cx(styles.skeleton, className)}
      style={{ width, height, borderRadius: radius }}
      aria-hidden="true"
    />
  );
}

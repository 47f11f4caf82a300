"use client";

import { useTranslations } from "@/shared/i18n";

import type { ReviewStatus, VersionStatus } from "../model/types";
import styles from "./status-badges.module.css";

export function VersionStatusBadge({ status }: { status: VersionStatus }) {
  const t = useTranslations("reviewStatus");
  return (
    <span className={styles.badge} data-status={status} data-testid="version-status">
      {status === "processing" || status === "uploading" ? <span className={styles.pulse} aria-hidden="true" /> : null}
      {t(`version.${status}`)}
    </span>
  );
}

export function ReviewStatusBadge({ status }: { status: ReviewStatus }) {
  const t = useTranslations("reviewStatus");
  return (
    <span className={styles.badge} data-review={status} data-testid="review-status">
      {t(`review.${status}`)}
    </span>
  );
}

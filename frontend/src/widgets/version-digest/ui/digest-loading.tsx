"use client";

import { useTranslations } from "@/shared/i18n";
import { Skeleton } from "@/shared/ui";

import styles from "./version-digest.module.css";

export function DigestLoading() {
  const t = useTranslations("planningDigest");
  return (
    <div className={styles.loading} aria-busy="true" aria-label={t("loading")}>
      <Skeleton height={14} width="70%" />
      <Skeleton height={12} />
      <Skeleton height={12} width="85%" />
    </div>
  );
}

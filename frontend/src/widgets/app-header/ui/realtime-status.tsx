"use client";

import { useSelector } from "react-redux";

import { useTranslations } from "@/shared/i18n";
import { cx } from "@/shared/ui";
import { selectRealtimeStatus } from "@/shared/ws";

import styles from "./app-header.module.css";

export function RealtimeStatus() {
  const t = useTranslations("realtime");
  const status = useSelector(selectRealtimeStatus);
  return (
    <span
      className={cx(
        styles.status,
        status === "open" && styles.statusOpen,
        (status === "reconnecting" || status === "closed") && styles.statusWarn,
      )}
      data-testid="realtime-status"
      data-status={status}
      title={t(status)}
    >
      <span className={styles.statusDot} aria-hidden="true" />
      <span className={styles.statusLabel}>{t(status)}</span>
    </span>
  );
}

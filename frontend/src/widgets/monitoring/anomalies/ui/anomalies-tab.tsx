"use client";

import { useState } from "react";

import {
  consoleStyles as styles,
  formatMetricValue,
  useListAnomaliesQuery,
} from "@/entities/monitoring";
import { asApiError } from "@/shared/api";
import { useApiErrorText } from "@/shared/lib/errors";
import { useFormatter, useTranslations } from "@/shared/i18n";
import { Button, cx, EmptyState, Skeleton } from "@/shared/ui";

/** Detected anomalies (rolling z-score of the recent mean against a 6 h baseline). */
export function AnomaliesTab() {
  const t = useTranslations("monitoring");
  const format = useFormatter();
  const errorText = useApiErrorText();
  const [page, setPage] = useState(1);
  const anomalies = useListAnomaliesQuery({ page });

  if (anomalies.isLoading) return <Skeleton height={160} />;
  if (anomalies.error) return <EmptyState tone="error" title={t("loadError")} body={errorText(asApiError(anomalies.error))} />;
  if (!anomalies.data?.results.length) return <EmptyState title={t("anomalies.emptyTitle")} body={t("anomalies.emptyBody")} />;

  return (
    <div className={styles.stack}>
      <p className={styles.muted}>{t("anomalies.intro")}</p>
      <div className={styles.tableWrap}>
        <table className={styles.table}>
          <thead>
            <tr>
              <th>{t("anomalies.columns.when")}</th>
              <th>{t("anomalies.columns.series")}</th>
              <th className={styles.num}>{t("anomalies.columns.value")}</th>
              <th className={styles.num}>{t("anomalies.columns.baseline")}</th>
              <th className={styles.num}>{t("anomalies.columns.score")}</th>
            </tr>
          </thead>
          <tbody>
            {anomalies.data.results.map((anomaly) => (
              <tr key={anomaly.id}>
                <td className={styles.num}>{format.dateTime(new Date(anomaly.detected_at), { dateStyle: "short", timeStyle: "short" })}</td>
                <td>
                  <strong>{anomaly.host.name}</strong> <span className={styles.mono}>{anomaly.metric}</span>
                  {anomaly.labels ? <span className={styles.mono}> {anomaly.labels}</span> : null}
                </td>
                <td className={styles.num}>{formatMetricValue(anomaly.metric, anomaly.value)}</td>
                <td className={styles.num}>
                  {formatMetricValue(anomaly.metric, anomaly.baseline_mean)} ± {formatMetricValue(anomaly.metric, anomaly.baseline_std)}
                </td>
                <td className={cx(styles.num, Math.abs(anomaly.score) >= 5 && styles.bad)}>z = {anomaly.score.toFixed(1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {anomalies.data.next || anomalies.data.previous ? (
        <div className={styles.toolbar}>
          <Button size="sm" disabled={!anomalies.data.previous} onClick={() => setPage(page - 1)}>
            {t("previous")}
          </Button>
          <Button size="sm" disabled={!anomalies.data.next} onClick={() => setPage(page + 1)}>
            {t("next")}
          </Button>
        </div>
      ) : null}
    </div>
  );
}

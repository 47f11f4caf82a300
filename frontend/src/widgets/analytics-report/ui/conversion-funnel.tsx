"use client";

import type { ConversionPageRow } from "@/entities/analytics";
import { useFormatter, useTranslations } from "@/shared/i18n";
import { Card } from "@/shared/ui";

import styles from "./analytics-report.module.css";

/**
 * Page → conversion: for each page, the sessions that viewed it (outer bar)
 * and the part of them that converted (inner bar), best converting first.
 */
export function ConversionFunnel({ rows }: { rows: readonly ConversionPageRow[] }) {
  const t = useTranslations("analyticsReport");
  const format = useFormatter();
  const max = Math.max(1, ...rows.map((row) => row.sessions));
  const sorted = [...rows].sort((a, b) => b.conversion_rate - a.conversion_rate || b.sessions - a.sessions);
  const percent = (value: number) => format.number(value, { style: "percent", maximumFractionDigits: 1 });

  return (
    <Card title={t("funnelTitle")} description={t("funnelDescription")} flush headingLevel={3} data-testid="conversion-funnel">
      {rows.length === 0 ? (
        <p className={styles.noRows}>{t("noRows")}</p>
      ) : (
        <table className={styles.table}>
          <caption className={styles.caption}>{t("funnelTitle")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("columns.page")}</th>
              <th scope="col" className={styles.funnelBarHead}>
                <span className={styles.legendSwatch} aria-hidden="true" />
                {t("columns.sessions")}
                <span className={styles.legendSwatchStrong} aria-hidden="true" />
                {t("columns.converted")}
              </th>
              <th scope="col" className={styles.num}>
                {t("columns.sessions")}
              </th>
              <th scope="col" className={styles.num}>
                {t("columns.converted")}
              </th>
              <th scope="col" className={styles.num}>
                {t("columns.rate")}
              </th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((row) => (
              <tr key={row.path}>
                <th scope="row" className={styles.labelCell}>
                  <span className={styles.labelText}>{row.path}</span>
                </th>
                <td className={styles.funnelBarCell} aria-hidden="true">
                  <span className={styles.funnelTrack} style={{ width: `${(row.sessions / max) * 100}%` }}>
                    <span
                      className={styles.funnelFill}
                      style={{ width: `${row.sessions ? (row.converted_sessions / row.sessions) * 100 : 0}%` }}
                    />
                  </span>
                </td>
                <td className={styles.num}>{format.number(row.sessions)}</td>
                <td className={styles.num}>{format.number(row.converted_sessions)}</td>
                <td className={styles.num}>
                  <strong>{percent(row.conversion_rate)}</strong>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}

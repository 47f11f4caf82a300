"use client";

import { VitalValue, type VitalsRow, type VitalThresholds } from "@/entities/analytics";
import { useTranslations } from "@/shared/i18n";
import { Card } from "@/shared/ui";

import styles from "./analytics-report.module.css";

/** p75 LCP / CLS / INP per page, each rated good / needs improvement / poor. */
export function VitalsTable({ rows, thresholds }: { rows: readonly VitalsRow[]; thresholds: VitalThresholds }) {
  const t = useTranslations("analyticsVitals");
  return (
    <Card title={t("title")} description={t("description")} flush headingLevel={3} data-testid="vitals-table">
      {rows.length === 0 ? (
        <p className={styles.noRows}>{t("empty")}</p>
      ) : (
        <div className={styles.scroll}>
          <table className={styles.table}>
            <caption className={styles.caption}>{t("title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("page")}</th>
                <th scope="col">LCP</th>
                <th scope="col">CLS</th>
                <th scope="col">INP</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.path}>
                  <th scope="row" className={styles.labelCell}>
                    <span className={styles.labelText}>{row.path}</span>
                  </th>
                  <td title={t("samples", { count: row.lcp_samples })}>
                    <VitalValue name="LCP" value={row.lcp_p75} thresholds={thresholds.LCP} />
                  </td>
                  <td title={t("samples", { count: row.cls_samples })}>
                    <VitalValue name="CLS" value={row.cls_p75} thresholds={thresholds.CLS} />
                  </td>
                  <td title={t("samples", { count: row.inp_samples })}>
                    <VitalValue name="INP" value={row.inp_p75} thresholds={thresholds.INP} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className={styles.footnote}>{t("legend")}</p>
    </Card>
  );
}

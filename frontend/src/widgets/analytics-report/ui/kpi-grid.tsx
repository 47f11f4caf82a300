"use client";

import { useDurationText, type AnalyticsTotals } from "@/entities/analytics";
import { useFormatter, useTranslations } from "@/shared/i18n";
import { Skeleton } from "@/shared/ui";

import styles from "./analytics-report.module.css";

type KpiKey = "visitors" | "sessions" | "pageViews" | "bounceRate" | "avgDuration" | "conversions" | "conversionRate";
const KPIS: readonly KpiKey[] = ["visitors", "sessions", "pageViews", "bounceRate", "avgDuration", "conversions", "conversionRate"];

/** The seven headline figures of the range. */
export function KpiGrid({ totals }: { totals: AnalyticsTotals | null }) {
  const t = useTranslations("analyticsReport");
  const format = useFormatter();
  const duration = useDurationText();

  function value(key: KpiKey, data: AnalyticsTotals): string {
    switch (key) {
      case "visitors":
        return format.number(data.visitors);
      case "sessions":
        return format.number(data.sessions);
      case "pageViews":
        return format.number(data.page_views);
      case "bounceRate":
        return format.number(data.bounce_rate, { style: "percent", maximumFractionDigits: 1 });
      case "avgDuration":
        return duration(data.avg_session_duration_seconds);
      case "conversions":
        return format.number(data.conversions);
      case "conversionRate":
        return format.number(data.conversion_rate, { style: "percent", maximumFractionDigits: 1 });
    }
  }

  return (
    <dl className={styles.kpis} aria-label={t("kpiLabel")}>
      {KPIS.map((key) => (
        <div key={key} className={styles.kpi} data-testid={`kpi-${key}`}>
          <dt className={styles.kpiLabel}>{t(`kpi.${key}`)}</dt>
          <dd className={styles.kpiValue}>{totals ? value(key, totals) : <Skeleton width={72} height={26} />}</dd>
        </div>
      ))}
    </dl>
  );
}

"use client";

import { useState } from "react";
import { Bar, BarChart } from "recharts";

import {
  consoleStyles as styles,
  formatMetricValue,
  type StatsPeriod,
  type StatsRow,
  HostMetricSelect,
  useGetStatsQuery,
} from "@/entities/monitoring";
import { asApiError, pathsApiV1MonitoringStatsGetParametersQueryPeriodValues as PERIODS } from "@/shared/api";
import { CHART_COLORS, ChartFrame, ChartGrid, ChartLegend, ChartTooltip, ChartXAxis, ChartYAxis } from "@/shared/charts";
import { useApiErrorText } from "@/shared/lib/errors";
import { useTranslations } from "@/shared/i18n";
import { cx, EmptyState, Segmented, Skeleton } from "@/shared/ui";

const FIELDS = ["min", "avg", "max", "p95"] as const;

function Change({ value }: { value: number | null }) {
  if (value === null) return null;
  const sign = value > 0 ? "+" : "";
  return (
    <div className={cx(styles.muted, value > 10 && styles.bad, value < -10 && styles.good)}>
      {sign}
      {value.toFixed(1)}%
    </div>
  );
}

function seriesName(row: StatsRow): string {
  return row.labels ? `${row.host.name} ${row.labels}` : row.host.name;
}

/** min/avg/max/p95 per host for a day, week or month, compared with the period before. */
export function StatsTab() {
  const t = useTranslations("monitoring");
  const errorText = useApiErrorText();
  const [metric, setMetric] = useState("cpu.percent");
  const [period, setPeriod] = useState<StatsPeriod>("day");
  const stats = useGetStatsQuery({ metric, period });
  const chartRows = (stats.data?.rows ?? []).map((row) => ({
    name: seriesName(row),
    current: row.current?.avg ?? null,
    previous: row.previous?.avg ?? null,
  }));

  return (
    <div className={styles.stack}>
      <div className={styles.toolbar}>
        <HostMetricSelect value={metric} onChange={setMetric} />
        <Segmented
          label={t("stats.period")}
          value={period}
          options={PERIODS.map((value) => ({ value, label: t(`stats.periods.${value}`) }))}
          onChange={setPeriod}
        />
        <span className={styles.spacer} />
        {stats.data ? <span className={styles.muted}>{t("stats.source", { source: stats.data.source })}</span> : null}
      </div>
      {stats.isLoading ? (
        <Skeleton height={200} />
      ) : stats.error ? (
        <EmptyState tone="error" title={t("loadError")} body={errorText(asApiError(stats.error))} />
      ) : !stats.data?.rows.length ? (
        <EmptyState title={t("stats.emptyTitle")} body={t("stats.emptyBody")} />
      ) : (
        <>
          <section className={styles.chartCard} aria-label={t("stats.chartLabel")}>
            <div className={styles.chartHead}>
              <strong>{t("stats.chartLabel")}</strong>
            </div>
            <div className={styles.chartSmall}>
              <ChartFrame>
                <BarChart data={chartRows} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
                  <ChartGrid dashed />
                  <ChartXAxis dataKey="name" ruled />
                  <ChartYAxis width={64} ruled formatTick={(value: number) => formatMetricValue(metric, value)} />
                  <ChartTooltip formatter={(value) => formatMetricValue(metric, Number(value))} />
                  <ChartLegend />
                  <Bar maxBarSize={36} dataKey="previous" name={t("stats.previous")} fill={CHART_COLORS.muted} isAnimationActive={false} />
                  <Bar maxBarSize={36} dataKey="current" name={t("stats.current")} fill={CHART_COLORS.primary} isAnimationActive={false} />
                </BarChart>
              </ChartFrame>
            </div>
          </section>
          <div className={styles.tableWrap}>
            <table className={styles.table}>
              <thead>
                <tr>
                  <th>{t("stats.columns.series")}</th>
                  {FIELDS.map((field) => (
                    <th key={field} className={styles.num}>
                      {t(`stats.columns.${field}`)}
                    </th>
                  ))}
                  <th className={styles.num}>{t("stats.columns.count")}</th>
                  <th className={styles.num}>{t("stats.columns.trend")}</th>
                </tr>
              </thead>
              <tbody>
                {stats.data.rows.map((row) => (
                  <tr key={`${row.host.id}-${row.labels}`}>
                    <td>
                      <strong>{row.host.name}</strong>
                      {row.labels ? <div className={styles.mono}>{row.labels}</div> : null}
                    </td>
                    {FIELDS.map((field) => (
                      <td key={field} className={styles.num}>
                        {formatMetricValue(metric, row.current?.[field])}
                        <Change value={row.change_percent[field]} />
                      </td>
                    ))}
                    <td className={styles.num}>{row.current?.count ?? 0}</td>
                    <td className={styles.num}>
                      {row.trend_per_day === null ? "—" : `${formatMetricValue(metric, row.trend_per_day)}/${t("stats.perDay")}`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}

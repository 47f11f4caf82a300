"use client";

import { Bar, BarChart } from "recharts";

import {
  consoleStyles as styles,
  formatMetricValue,
  useGetForecastsQuery,
} from "@/entities/monitoring";
import { asApiError } from "@/shared/api";
import { CHART_COLORS, ChartFrame, ChartGrid, ChartLegend, ChartTooltip, ChartXAxis, ChartYAxis } from "@/shared/charts";
import { useApiErrorText } from "@/shared/lib/errors";
import { useFormatter, useTranslations } from "@/shared/i18n";
import { Badge, Card, cx, EmptyState, Skeleton } from "@/shared/ui";

const usd = (value: number) => formatMetricValue("ai.cost.month_to_date", value);

/** "Disk full in N days" per mount and the month-end AI cost per project. */
export function ForecastsTab() {
  const t = useTranslations("monitoring");
  const format = useFormatter();
  const errorText = useApiErrorText();
  const forecasts = useGetForecastsQuery();

  if (forecasts.isLoading) return <Skeleton height={240} />;
  if (forecasts.error || !forecasts.data) {
    return <EmptyState tone="error" title={t("loadError")} body={forecasts.error ? errorText(asApiError(forecasts.error)) : undefined} />;
  }
  const { disks, ai_cost: costs } = forecasts.data;

  return (
    <div className={styles.split}>
      <Card title={t("forecasts.diskTitle")} description={t("forecasts.diskBody")} flush>
        {disks.length === 0 ? (
          <EmptyState compact title={t("forecasts.diskEmpty")} />
        ) : (
          <table className={styles.table}>
            <thead>
              <tr>
                <th>{t("forecasts.columns.disk")}</th>
                <th className={styles.num}>{t("forecasts.columns.used")}</th>
                <th className={styles.num}>{t("forecasts.columns.slope")}</th>
                <th>{t("forecasts.columns.full")}</th>
              </tr>
            </thead>
            <tbody>
              {disks.map((disk) => (
                <tr key={`${disk.host.id}-${disk.mount}`} data-testid="disk-forecast">
                  <td>
                    <strong>{disk.host.name}</strong> <span className={styles.mono}>{disk.mount}</span>
                  </td>
                  <td className={styles.num}>{formatMetricValue("disk.percent", disk.current_percent)}</td>
                  <td className={styles.num}>
                    {disk.slope_percent_per_day === null ? "—" : `${disk.slope_percent_per_day.toFixed(2)}%/${t("stats.perDay")}`}
                  </td>
                  <td className={cx(disk.days_until_full !== null && disk.days_until_full < 14 && styles.bad)}>
                    {!disk.enough_data
                      ? t("forecasts.notEnoughData")
                      : disk.days_until_full === null
                        ? t("forecasts.notFilling")
                        : t("forecasts.fullIn", { days: disk.days_until_full })}
                    {disk.full_at ? <div className={styles.muted}>{format.dateTime(new Date(disk.full_at), { dateStyle: "medium" })}</div> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <Card title={t("forecasts.aiTitle")} description={t("forecasts.aiBody")} flush>
        {costs.length === 0 ? (
          <EmptyState compact title={t("forecasts.aiEmpty")} />
        ) : (
          <>
            <div className={styles.chartSmall}>
              <ChartFrame>
                <BarChart data={costs.map((row) => ({ name: row.project.name, ...row }))} margin={{ top: 12, right: 12, bottom: 0, left: 0 }}>
                  <ChartGrid dashed />
                  <ChartXAxis dataKey="name" ruled />
                  <ChartYAxis width={56} ruled formatTick={usd} />
                  <ChartTooltip formatter={(value) => usd(Number(value))} />
                  <ChartLegend />
                  <Bar maxBarSize={36} dataKey="month_to_date_usd" name={t("forecasts.columns.mtd")} fill={CHART_COLORS.primary} isAnimationActive={false} />
                  <Bar maxBarSize={36} dataKey="forecast_usd" name={t("forecasts.columns.forecast")} fill={CHART_COLORS.warn} isAnimationActive={false} />
                  <Bar maxBarSize={36} dataKey="budget_usd" name={t("forecasts.columns.budget")} fill={CHART_COLORS.muted} isAnimationActive={false} />
                </BarChart>
              </ChartFrame>
            </div>
            <table className={styles.table}>
              <thead>
                <tr>
                  <th>{t("forecasts.columns.project")}</th>
                  <th className={styles.num}>{t("forecasts.columns.mtd")}</th>
                  <th className={styles.num}>{t("forecasts.columns.forecast")}</th>
                  <th className={styles.num}>{t("forecasts.columns.budget")}</th>
                </tr>
              </thead>
              <tbody>
                {costs.map((row) => (
                  <tr key={row.project.id}>
                    <td>
                      <strong>{row.project.name}</strong>
                      {row.forecast_over_budget ? (
                        <div>
                          <Badge tone="danger">{t("forecasts.overBudget")}</Badge>
                        </div>
                      ) : null}
                    </td>
                    <td className={styles.num}>
                      {usd(row.month_to_date_usd)}
                      <div className={styles.muted}>{row.budget_used_percent.toFixed(0)}%</div>
                    </td>
                    <td className={cx(styles.num, row.forecast_over_budget && styles.bad)}>{usd(row.forecast_usd)}</td>
                    <td className={styles.num}>{usd(row.budget_usd)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </Card>
    </div>
  );
}

"use client";

import { Bar, BarChart } from "recharts";

import type { LivePoint } from "@/entities/analytics";
import { CHART_COLORS, ChartFrame, ChartGrid, ChartTooltip, ChartXAxis, ChartYAxis } from "@/shared/charts";
import { useFormatter, useTranslations } from "@/shared/i18n";

import styles from "./analytics-live.module.css";

/** Page views per minute over the live window; the newest bar is the rolling last minute. */
export function LiveChart({ points }: { points: readonly LivePoint[] }) {
  const t = useTranslations("analyticsLive");
  const format = useFormatter();
  const time = (ms: number) => format.dateTime(new Date(ms), { hour: "2-digit", minute: "2-digit" });

  return (
    <figure className={styles.chart} role="img" aria-label={t("chartLabel")} data-testid="live-chart">
      <ChartFrame>
        <BarChart data={points as LivePoint[]} margin={{ top: 8, right: 4, bottom: 0, left: -24 }} barCategoryGap={2}>
          <ChartGrid />
          <ChartXAxis dataKey="t" formatTick={time} minTickGap={24} />
          <ChartYAxis allowDecimals={false} width={48} />
          <ChartTooltip
            cursor={{ fill: "var(--color-surface-hover)" }}
            labelFormatter={(value) => time(Number(value))}
            formatter={(value) => [value, t("pageViews")]}
          />
          <Bar dataKey="pageViews" fill={CHART_COLORS.primary} radius={[3, 3, 0, 0]} isAnimationActive={false} />
        </BarChart>
      </ChartFrame>
    </figure>
  );
}

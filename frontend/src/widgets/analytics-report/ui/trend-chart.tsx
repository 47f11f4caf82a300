"use client";

import { Area, ComposedChart, Line } from "recharts";

import type { AnalyticsReport, SeriesPoint } from "@/entities/analytics";
import { CHART_COLORS, ChartFrame, ChartGrid, ChartLegend, ChartTooltip, ChartXAxis, ChartYAxis } from "@/shared/charts";
import { useFormatter, useTranslations } from "@/shared/i18n";

import styles from "./analytics-report.module.css";

type SeriesKey = "page_views" | "visitors" | "sessions";

const COLOURS: Record<SeriesKey, string> = {
  page_views: CHART_COLORS.primary,
  visitors: CHART_COLORS.good,
  sessions: CHART_COLORS.warn,
};

/** Page views (area) with visitors and sessions (lines) per bucket. */
export function TrendChart({ series, interval }: { series: readonly SeriesPoint[]; interval: AnalyticsReport["interval"] }) {
  const t = useTranslations("analyticsReport");
  const format = useFormatter();
  const multiDay =
    series.length > 1 && Date.parse(series.at(-1)!.ts) - Date.parse(series[0]!.ts) >= 24 * 3600 * 1000;

  function label(ts: string): string {
    const date = new Date(ts);
    // Daily buckets are UTC days: name the UTC date, not the local one.
    if (interval === "day") return format.dateTime(date, { month: "short", day: "numeric", timeZone: "UTC" });
    if (multiDay) return format.dateTime(date, { month: "numeric", day: "numeric", hour: "2-digit" });
    return format.dateTime(date, { hour: "2-digit", minute: "2-digit" });
  }

  const name = (key: SeriesKey) => t(`series.${key}`);

  return (
    <figure className={styles.trend} role="img" aria-label={t("chartLabel")} data-testid="trend-chart">
      <ChartFrame>
        <ComposedChart data={series as SeriesPoint[]} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <defs>
            <linearGradient id="vp-analytics-pv" x1="0" y1="0" x2="0" y2="1">
              <stop offset="0%" stopColor={COLOURS.page_views} stopOpacity={0.28} />
              <stop offset="100%" stopColor={COLOURS.page_views} stopOpacity={0.02} />
            </linearGradient>
          </defs>
          <ChartGrid />
          <ChartXAxis dataKey="ts" formatTick={label} minTickGap={28} />
          <ChartYAxis allowDecimals={false} width={52} />
          <ChartTooltip labelFormatter={(value) => label(String(value))} />
          <ChartLegend iconType="circle" iconSize={8} />
          <Area
            type="monotone"
            dataKey="page_views"
            name={name("page_views")}
            stroke={COLOURS.page_views}
            strokeWidth={2}
            fill="url(#vp-analytics-pv)"
            isAnimationActive={false}
          />
          <Line type="monotone" dataKey="visitors" name={name("visitors")} stroke={COLOURS.visitors} strokeWidth={2} dot={false} isAnimationActive={false} />
          <Line type="monotone" dataKey="sessions" name={name("sessions")} stroke={COLOURS.sessions} strokeWidth={1.5} strokeDasharray="4 3" dot={false} isAnimationActive={false} />
        </ComposedChart>
      </ChartFrame>
    </figure>
  );
}

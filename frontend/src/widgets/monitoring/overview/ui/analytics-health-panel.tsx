"use client";

import Link from "next/link";
import { Bar, BarChart } from "recharts";

import { CHART_COLORS, ChartFrame, ChartGrid, ChartTimeAxis, ChartTooltip, ChartYAxis } from "@/shared/charts";
import { useFormatter, useTranslations } from "@/shared/i18n";
import { cx } from "@/shared/ui";

import type { MonitoringOverview } from "../api/overview-api";
import { ingestionTone, type Tone } from "../model/overview";

import { useTimeTick } from "./chart-format";
import styles from "./overview.module.css";
import { Panel, Unavailable } from "./panel";

function Ingestion({ analytics }: { analytics: NonNullable<MonitoringOverview["analytics"]> }) {
  const t = useTranslations("monitoringOverview");
  const format = useFormatter();
  const tick = useTimeTick();
  const tone = ingestionTone(analytics);
  const data = analytics.series.map((minute) => ({ ...minute, t: Date.parse(minute.ts) }));
  const numbers: Array<["processed" | "errors" | "throttled" | "p95", string, Tone]> = [
    ["processed", format.number(analytics.accepted), "good"],
    ["errors", format.number(analytics.errors), analytics.errors ? tone : "good"],
    ["throttled", format.number(analytics.throttled), analytics.throttled ? "warn" : "good"],
    ["p95", analytics.latency_p95_ms === null ? "—" : t("units.ms", { value: analytics.latency_p95_ms.toFixed(1) }), "good"],
  ];
  return (
    <div data-testid="overview-analytics" data-tone={tone}>
      <div className={styles.ingestNumbers}>
        {numbers.map(([key, value, itemTone]) => (
          <div key={key} data-testid={`overview-analytics-${key}`}>
            <div className={styles.kpiLabel}>{t(`analytics.${key}`)}</div>
            <div className={cx(styles.midNumber, itemTone !== "good" && styles[`text_${itemTone}`])}>{value}</div>
          </div>
        ))}
      </div>
      <div className={styles.ingestChart}>
        <ChartFrame>
          <BarChart data={data} margin={{ top: 6, right: 10, bottom: 0, left: 0 }}>
            <ChartGrid dashed />
            <ChartTimeAxis dataKey="t" ruled formatTick={tick} tickCount={4} minTickGap={40} height={18} padding={{ left: 4, right: 4 }} />
            <ChartYAxis ruled allowDecimals={false} width={36} label={undefined} />
            <ChartTooltip
              labelFormatter={(v) => tick(Number(v))}
              formatter={(value, name) => [t("units.perMinute", { value: Number(value) }), t(`analytics.${String(name) as "processed" | "errors" | "throttled"}`)]}
            />
            <Bar dataKey="accepted" name="processed" stackId="a" fill={CHART_COLORS.primary} isAnimationActive={false} />
            <Bar dataKey="throttled" name="throttled" stackId="a" fill={CHART_COLORS.warn} isAnimationActive={false} />
            <Bar dataKey="errors" name="errors" stackId="a" fill={CHART_COLORS.bad} isAnimationActive={false} />
          </BarChart>
        </ChartFrame>
      </div>
      <p className={styles.axisNote}>{t("analytics.axis")}</p>
    </div>
  );
}

/** Analytics ingestion health: events processed, errors, throttled, p95 and the per-minute chart. */
export function AnalyticsHealthPanel({ analytics }: { analytics: MonitoringOverview["analytics"] }) {
  const t = useTranslations("monitoringOverview");
  return (
    <Panel
      testId="overview-ingestion"
      title={t("analytics.title")}
      subtitle={analytics ? t("analytics.subtitle", { minutes: analytics.window_minutes }) : undefined}
      action={
        <Link className={styles.link} href="/analytics">
          {t("open.analytics")} →
        </Link>
      }
    >
      {analytics ? <Ingestion analytics={analytics} /> : <Unavailable />}
    </Panel>
  );
}

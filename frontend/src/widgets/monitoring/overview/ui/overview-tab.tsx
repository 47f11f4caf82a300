"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { Bar, BarChart, Line, LineChart } from "recharts";

import type { LiveState } from "@/entities/monitoring";
import { CHART_COLORS, ChartFrame, ChartGrid, ChartTimeAxis, ChartTooltip, ChartYAxis } from "@/shared/charts";
import { useFormatter, useTranslations } from "@/shared/i18n";
import { Button, cx, Dot, LoadError, Skeleton } from "@/shared/ui";

import { useGetMonitoringOverviewQuery, type MonitoringOverview, type OverviewHost } from "../api/overview-api";
import {
  aiCostTone,
  alertsTone,
  currentValue,
  errorRateTone,
  ingestionTone,
  latencyTone,
  percentTone,
  SPARK_KEYS,
  sparkSeries,
  waitTone,
  type SparkKey,
  type SparkPoint,
  type Tone,
} from "../model/overview";

import styles from "./overview.module.css";

/** The tabs the overview links into. */
export type OverviewLink = "hosts" | "alerts" | "tasks";

const POLL_MS = 15_000;
const TONE_COLOR: Record<Tone, string> = {
  good: CHART_COLORS.good,
  warn: CHART_COLORS.warn,
  bad: CHART_COLORS.bad,
  idle: CHART_COLORS.muted,
};

function useTimeTick() {
  const format = useFormatter();
  return (value: number) => format.dateTime(new Date(value), { hour: "2-digit", minute: "2-digit" });
}

function Kpi({
  label,
  value,
  detail,
  tone,
  testId,
  action,
}: {
  label: string;
  value: ReactNode;
  detail: ReactNode;
  tone: Tone;
  testId: string;
  action?: ReactNode;
}) {
  return (
    <section className={cx(styles.kpi, styles[`tone_${tone}`])} data-testid={testId} data-tone={tone}>
      <div className={styles.kpiLabel}>{label}</div>
      <div className={styles.kpiValue} data-testid={`${testId}-value`}>
        {value}
      </div>
      <div className={styles.kpiDetail}>{detail}</div>
      {action ? <div className={styles.kpiAction}>{action}</div> : null}
    </section>
  );
}

function Panel({ title, subtitle, action, children, testId }: { title: string; subtitle?: string; action?: ReactNode; children: ReactNode; testId: string }) {
  return (
    <section className={styles.panel} data-testid={testId} aria-label={title}>
      <header className={styles.panelHead}>
        <h2 className={styles.panelTitle}>{title}</h2>
        {subtitle ? <span className={styles.panelSub}>{subtitle}</span> : null}
        <span className={styles.spacer} />
        {action}
      </header>
      {children}
    </section>
  );
}

function percentText(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return `${value.toFixed(value >= 10 ? 0 : 1)}%`;
}

function HostSpark({ series, metric, label, value }: { series: SparkPoint[]; metric: SparkKey; label: string; value: number | null }) {
  const tick = useTimeTick();
  const tone = percentTone(value);
  return (
    <div className={styles.sparkCell}>
      <div className={styles.sparkHead}>
        <span className={styles.sparkLabel}>{label}</span>
        <strong className={cx(styles.sparkValue, styles[`text_${tone}`])} data-metric={metric}>
          {percentText(value)}
        </strong>
      </div>
      <div className={styles.sparkChart} data-testid="overview-spark">
        {series.length > 1 ? (
          <ChartFrame>
            <LineChart data={series} margin={{ top: 4, right: 10, bottom: 0, left: 0 }}>
              <ChartGrid dashed />
              <ChartTimeAxis dataKey="t" ruled formatTick={tick} tickCount={3} minTickGap={36} height={18} />
              <ChartYAxis ruled domain={[0, 100]} ticks={[0, 50, 100]} width={36} formatTick={(v: number) => `${v}%`} />
              <ChartTooltip
                labelFormatter={(v) => tick(Number(v))}
                formatter={(v) => [percentText(Number(v)), label]}
              />
              <Line
                type="monotone"
                dataKey={metric}
                stroke={TONE_COLOR[tone === "idle" ? "good" : tone]}
                strokeWidth={1.6}
                dot={false}
                connectNulls
                isAnimationActive={false}
              />
            </LineChart>
          </ChartFrame>
        ) : null}
      </div>
    </div>
  );
}

function HostRow({ host, live, minutes }: { host: OverviewHost; live: LiveState; minutes: number }) {
  const t = useTranslations("monitoringOverview");
  const series = sparkSeries(host, live.byHost[host.id]?.points, minutes);
  const status = host.status;
  return (
    <div className={styles.hostRow} data-testid="overview-host" aria-label={host.display_name || host.name}>
      <div className={styles.hostName}>
        <Dot className={status === "up" ? styles.dotUp : status === "down" ? styles.dotDown : styles.dotUnknown} />
        <span className={styles.hostTitle}>{host.display_name || host.name}</span>
        <span className={cx(styles.hostStatus, status === "down" && styles.text_bad)}>{t(`hostStatus.${status}`)}</span>
      </div>
      {SPARK_KEYS.map((key) => (
        <HostSpark key={key} series={series} metric={key} label={t(`metric.${key}`)} value={currentValue(host, series, key)} />
      ))}
    </div>
  );
}

function Unavailable() {
  const t = useTranslations("monitoringOverview");
  return <p className={styles.muted}>{t("unavailable")}</p>;
}

function AiCost({ ai }: { ai: NonNullable<MonitoringOverview["ai_cost"]> }) {
  const t = useTranslations("monitoringOverview");
  const format = useFormatter();
  const usd = (value: number) => format.number(value, { style: "currency", currency: "USD" });
  const tone = aiCostTone(ai);
  const scale = Math.max(ai.budget_usd, ai.forecast_usd, ai.month_to_date_usd, 0.01);
  const pct = (value: number) => `${Math.min(100, (value / scale) * 100)}%`;
  return (
    <div className={styles.ai} data-testid="overview-ai" data-tone={tone}>
      <div className={styles.aiNumbers}>
        <div>
          <div className={styles.kpiLabel}>{t("ai.spent")}</div>
          <div className={cx(styles.bigNumber, styles[`text_${tone}`])}>{usd(ai.month_to_date_usd)}</div>
        </div>
        <div>
          <div className={styles.kpiLabel}>{t("ai.budget")}</div>
          <div className={styles.midNumber}>{ai.budget_usd > 0 ? usd(ai.budget_usd) : "—"}</div>
        </div>
        <div>
          <div className={styles.kpiLabel}>{t("ai.forecast")}</div>
          <div className={cx(styles.midNumber, styles[`text_${tone}`])}>{usd(ai.forecast_usd)}</div>
        </div>
      </div>
      <div
        className={styles.gauge}
        role="img"
        aria-label={t("ai.gauge", { spent: usd(ai.month_to_date_usd), forecast: usd(ai.forecast_usd), budget: usd(ai.budget_usd) })}
      >
        <div className={styles.gaugeForecast} style={{ width: pct(ai.forecast_usd), background: TONE_COLOR[tone] }} />
        <div className={styles.gaugeSpent} style={{ width: pct(ai.month_to_date_usd), background: TONE_COLOR[tone] }} />
        {ai.budget_usd > 0 ? <div className={styles.gaugeBudget} style={{ left: pct(ai.budget_usd) }} /> : null}
      </div>
      <div className={styles.gaugeLegend}>
        <span>
          <i className={styles.swatchSolid} style={{ background: TONE_COLOR[tone] }} /> {t("ai.legendSpent")}
        </span>
        <span>
          <i className={styles.swatchSoft} style={{ background: TONE_COLOR[tone] }} /> {t("ai.legendForecast")}
        </span>
        <span>
          <i className={styles.swatchLine} /> {t("ai.legendBudget")}
        </span>
      </div>
      <p className={styles.muted}>
        {ai.projects
          ? t("ai.detail", { month: ai.month, projects: ai.projects, used: ai.budget_used_percent.toFixed(0) })
          : t("ai.noSpend")}
        {ai.projects_over_budget > 0 ? (
          <strong className={styles.text_bad}> {t("ai.overBudget", { count: ai.projects_over_budget })}</strong>
        ) : null}
      </p>
    </div>
  );
}

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

/**
 * The console's first tab: what an operator checks first, readable at a glance —
 * status colours on every number, units on every value and chart, links into the
 * tabs that explain them. Host charts follow `metrics.sample` live; the rest
 * polls every 15 s and refetches on any alert event.
 */
export function OverviewTab({ live, onOpen }: { live: LiveState; onOpen: (tab: OverviewLink) => void }) {
  const t = useTranslations("monitoringOverview");
  const format = useFormatter();
  const overview = useGetMonitoringOverviewQuery(undefined, { pollingInterval: POLL_MS });
  const data = overview.data;

  if (overview.isLoading) {
    return (
      <div className={styles.kpis}>
        {[0, 1, 2, 3, 4].map((key) => (
          <Skeleton key={key} height={96} />
        ))}
      </div>
    );
  }
  if (!data) return <LoadError title={t("loadError")} error={overview.error} onRetry={() => overview.refetch()} />;

  const minutes = Math.round(data.window_seconds / 60);
  const { alerts, http, sockets, queues } = data;
  const up = data.hosts.filter((host) => host.status === "up").length;
  const down = data.hosts.filter((host) => host.status === "down").length;
  const slowest = http?.groups.reduce<(typeof http.groups)[number] | null>(
    (worst, group) => (group.requests && (!worst || group.p95_ms > worst.p95_ms) ? group : worst),
    null,
  );
  const open = (tab: OverviewLink) => (
    <Button size="sm" variant="ghost" onClick={() => onOpen(tab)}>
      {t(`open.${tab}`)} →
    </Button>
  );

  return (
    <div className={styles.overview} data-testid="monitoring-overview">
      <div className={styles.kpis}>
        <Kpi
          testId="overview-alerts"
          label={t("kpi.alerts")}
          tone={alertsTone(alerts)}
          value={alerts.firing_total}
          detail={t("kpi.alertsDetail", { critical: alerts.firing.critical, warning: alerts.firing.warning, pending: alerts.pending })}
          action={open("alerts")}
        />
        <Kpi
          testId="overview-hosts-up"
          label={t("kpi.hosts")}
          tone={down ? "bad" : data.hosts.length ? "good" : "idle"}
          value={`${up} / ${data.hosts.length}`}
          detail={t("kpi.hostsDetail", { down, unknown: data.hosts.length - up - down })}
          action={open("hosts")}
        />
        <Kpi
          testId="overview-error-rate"
          label={t("kpi.errorRate")}
          tone={http ? errorRateTone(http.error_rate, http.requests) : "idle"}
          value={http ? `${http.error_rate.toFixed(http.error_rate >= 10 ? 0 : 1)}%` : "—"}
          detail={http ? t("kpi.errorRateDetail", { errors: http.errors, requests: http.requests, minutes }) : t("unavailable")}
        />
        <Kpi
          testId="overview-p95"
          label={t("kpi.p95")}
          tone={http ? latencyTone(http.p95_ms, http.requests) : "idle"}
          value={http && http.requests ? t("units.ms", { value: format.number(http.p95_ms, { maximumFractionDigits: 0 }) }) : "—"}
          detail={
            !http ? t("unavailable") : slowest ? t("kpi.p95Detail", { group: slowest.group, minutes }) : t("kpi.noRequests", { minutes })
          }
        />
        <Kpi
          testId="overview-sockets"
          label={t("kpi.sockets")}
          tone={sockets ? "good" : "idle"}
          value={sockets ? sockets.total : "—"}
          detail={
            sockets
              ? sockets.endpoints.length
                ? sockets.endpoints.map((row) => `${row.endpoint} ${row.connections}`).join(" · ")
                : t("kpi.socketsNone")
              : t("unavailable")
          }
        />
      </div>

      <div className={styles.middle}>
        <Panel
          testId="overview-hosts"
          title={t("hosts.title")}
          subtitle={t("hosts.subtitle", { minutes: data.history_minutes })}
          action={open("hosts")}
        >
          {data.hosts.length ? (
            <div className={styles.hostList}>
              {data.hosts.map((host) => (
                <HostRow key={host.id} host={host} live={live} minutes={data.history_minutes} />
              ))}
            </div>
          ) : (
            <p className={styles.muted}>{t("hosts.empty")}</p>
          )}
        </Panel>
        <Panel testId="overview-firing" title={t("firing.title")} action={open("alerts")}>
          {alerts.top.length ? (
            <ul className={styles.alertList}>
              {alerts.top.map((alert) => (
                <li key={alert.id} className={styles.alertItem}>
                  <span className={cx(styles.sev, styles[`sev_${alert.severity}`])}>{t(`severity.${alert.severity}`)}</span>
                  <span className={styles.alertText}>
                    <strong>{alert.rule}</strong>
                    <span className={styles.muted}>
                      {alert.target}
                      {alert.started_at
                        ? ` · ${t("firing.since", { time: format.dateTime(new Date(alert.started_at), { hour: "2-digit", minute: "2-digit" }) })}`
                        : ""}
                    </span>
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className={cx(styles.allClear, styles.text_good)}>{t("firing.none")}</p>
          )}
          {alerts.firing_total > alerts.top.length ? (
            <p className={styles.muted}>{t("firing.more", { count: alerts.firing_total - alerts.top.length })}</p>
          ) : null}
        </Panel>
      </div>

      <div className={styles.bottom}>
        <Panel testId="overview-queues" title={t("queues.title")} action={open("tasks")}>
          {queues ? (
            <table className={styles.table}>
              <thead>
                <tr>
                  <th>{t("queues.queue")}</th>
                  <th className={styles.num}>{t("queues.depth")}</th>
                  <th className={styles.num}>{t("queues.oldest")}</th>
                </tr>
              </thead>
              <tbody>
                {queues.map((row) => (
                  <tr key={row.queue} data-testid="overview-queue">
                    <td>{row.queue}</td>
                    <td className={styles.num}>{format.number(row.depth)}</td>
                    <td className={cx(styles.num, row.depth ? styles[`text_${waitTone(row.oldest_wait_s)}`] : undefined)}>
                      {row.depth ? t("units.s", { value: row.oldest_wait_s.toFixed(0) }) : "—"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <Unavailable />
          )}
        </Panel>
        <Panel testId="overview-ai-panel" title={t("ai.title")} subtitle={data.ai_cost?.month}>
          {data.ai_cost ? <AiCost ai={data.ai_cost} /> : <Unavailable />}
        </Panel>
        <Panel
          testId="overview-ingestion"
          title={t("analytics.title")}
          subtitle={data.analytics ? t("analytics.subtitle", { minutes: data.analytics.window_minutes }) : undefined}
          action={
            <Link className={styles.link} href="/analytics">
              {t("open.analytics")} →
            </Link>
          }
        >
          {data.analytics ? <Ingestion analytics={data.analytics} /> : <Unavailable />}
        </Panel>
      </div>
      <p className={styles.updated}>
        {t("updated", { time: format.dateTime(new Date(data.at), { hour: "2-digit", minute: "2-digit", second: "2-digit" }) })}
      </p>
    </div>
  );
}

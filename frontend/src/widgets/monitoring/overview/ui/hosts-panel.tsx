"use client";

import { Line, LineChart } from "recharts";

import type { LiveState } from "@/entities/monitoring";
import { ChartFrame, ChartGrid, ChartTimeAxis, ChartTooltip, ChartYAxis } from "@/shared/charts";
import { useTranslations } from "@/shared/i18n";
import { cx, Dot } from "@/shared/ui";

import type { MonitoringOverview, OverviewHost } from "../api/overview-api";
import { currentValue, percentTone, SPARK_KEYS, sparkSeries, type SparkKey, type SparkPoint } from "../model/overview";

import { percentText, TONE_COLOR, useTimeTick } from "./chart-format";
import styles from "./overview.module.css";
import { OpenTab, Panel, type OverviewLink } from "./panel";

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

/** Every host with CPU / memory / fullest-disk sparklines: server history, then live `metrics.sample` points. */
export function HostsPanel({ data, live, onOpen }: { data: MonitoringOverview; live: LiveState; onOpen: (tab: OverviewLink) => void }) {
  const t = useTranslations("monitoringOverview");
  return (
    <Panel
      testId="overview-hosts"
      title={t("hosts.title")}
      subtitle={t("hosts.subtitle", { minutes: data.history_minutes })}
      action={<OpenTab tab="hosts" onOpen={onOpen} />}
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
  );
}

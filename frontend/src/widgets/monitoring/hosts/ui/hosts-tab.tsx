"use client";

import { Line, LineChart } from "recharts";

import {
  consoleStyles as styles,
  foldValue,
  formatMetricValue,
  type Host,
  LIVE_METRICS,
  type LiveMetric,
  type LivePoint,
  type LiveState,
} from "@/entities/monitoring";
import { asApiError } from "@/shared/api";
import { CHART_COLORS, ChartFrame, ChartYAxis } from "@/shared/charts";
import { useApiErrorText } from "@/shared/lib/errors";
import { useFormatter, useNow, useTranslations } from "@/shared/i18n";
import { atLeast } from "@/shared/lib/clock";
import { Button, cx, Dot, EmptyState, Skeleton } from "@/shared/ui";

interface HostsQuery {
  data?: Host[];
  isLoading: boolean;
  error?: unknown;
  refetch: () => unknown;
}

const STATUS_CLASS: Record<string, string | undefined> = { up: styles.statusUp, down: styles.statusDown };

function Sparkline({ points, metric }: { points: LivePoint[]; metric: LiveMetric }) {
  const percent = metric.endsWith("percent");
  return (
    <div className={styles.spark} aria-hidden>
      <ChartFrame>
        <LineChart data={points} margin={{ top: 2, right: 0, bottom: 2, left: 0 }}>
          <ChartYAxis hide domain={percent ? [0, 100] : ["auto", "auto"]} />
          <Line
            type="monotone"
            dataKey={metric}
            stroke={CHART_COLORS.primary}
            strokeWidth={1.5}
            dot={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ChartFrame>
    </div>
  );
}

/** Every host with its newest values, updated live from `metrics.sample`. */
export function HostsTab({ hosts, live, onOpenHistory }: { hosts: HostsQuery; live: LiveState; onOpenHistory: () => void }) {
  const t = useTranslations("monitoring");
  const format = useFormatter();
  const now = useNow({ updateInterval: 60_000 });
  const errorText = useApiErrorText();

  if (hosts.isLoading) {
    return (
      <div className={styles.hostGrid}>
        {[0, 1, 2].map((key) => (
          <Skeleton key={key} height={150} />
        ))}
      </div>
    );
  }
  if (hosts.error) {
    return (
      <EmptyState
        tone="error"
        title={t("loadError")}
        body={errorText(asApiError(hosts.error))}
        action={<Button onClick={() => hosts.refetch()}>{t("retry")}</Button>}
      />
    );
  }
  if (!hosts.data?.length) return <EmptyState title={t("hosts.emptyTitle")} body={t("hosts.emptyBody")} />;

  return (
    <div className={styles.hostGrid}>
      {hosts.data.map((host) => {
        const state = live.byHost[host.id];
        const latest = state?.latest ?? host.latest;
        const points = state?.points ?? [];
        const seen = latest?.ts ?? host.last_seen_at;
        return (
          <article
            key={host.id}
            className={cx(styles.hostCard, host.status === "down" && styles.hostDown)}
            aria-label={host.name}
            data-testid="host-card"
          >
            <header className={styles.hostHead}>
              <Dot className={STATUS_CLASS[host.status] ?? styles.statusUnknown} />
              <h2 className={styles.hostName}>{host.display_name || host.name}</h2>
              <span className={styles.muted}>{t(`hosts.status.${host.status === "up" || host.status === "down" ? host.status : "unknown"}`)}</span>
              <span className={styles.spacer} />
              <span className={styles.muted}>
                {seen ? format.relativeTime(new Date(seen), atLeast(now, seen)) : t("hosts.neverSeen")}
              </span>
            </header>
            <div className={styles.tiles}>
              {LIVE_METRICS.map((metric) => (
                <div key={metric} className={styles.tile}>
                  <div className={styles.tileLabel}>{t(`metrics.${metric.replaceAll(".", "_") as "cpu_percent"}`)}</div>
                  <div className={cx(styles.tileValue)} data-metric={metric}>
                    {formatMetricValue(metric, foldValue(metric, latest?.metrics[metric]))}
                  </div>
                  {points.length > 1 ? <Sparkline points={points} metric={metric} /> : null}
                </div>
              ))}
            </div>
            <footer className={styles.muted}>
              {host.cpu_count ? t("hosts.cores", { count: host.cpu_count }) : null}{" "}
              <Button size="sm" variant="ghost" onClick={onOpenHistory}>
                {t("hosts.history")}
              </Button>
            </footer>
          </article>
        );
      })}
    </div>
  );
}

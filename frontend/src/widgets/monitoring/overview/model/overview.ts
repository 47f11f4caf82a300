import type { LivePoint } from "@/entities/monitoring";

import type { MonitoringOverview, OverviewHost } from "../api/overview-api";

/** One sparkline point: epoch ms and the three percentages the overview draws. */
export interface SparkPoint {
  t: number;
  cpu: number | null;
  mem: number | null;
  disk: number | null;
}

export type SparkKey = "cpu" | "mem" | "disk";
export const SPARK_KEYS: readonly SparkKey[] = ["cpu", "mem", "disk"];

export type Tone = "good" | "warn" | "bad" | "idle";

/**
 * The server's history (last `minutes`) followed by the live samples that came
 * after it over the socket, trimmed to the same window ending at the newest point.
 */
export function sparkSeries(host: OverviewHost, live: LivePoint[] | undefined, minutes: number): SparkPoint[] {
  const points: SparkPoint[] = host.history.map((point) => ({
    t: Date.parse(point.ts),
    cpu: point.cpu,
    mem: point.mem,
    disk: point.disk,
  }));
  const lastServer = points.length ? points[points.length - 1]!.t : -Infinity;
  for (const point of live ?? []) {
    if (point.t <= lastServer) continue;
    points.push({
      t: point.t,
      cpu: point["cpu.percent"] ?? null,
      mem: point["mem.percent"] ?? null,
      disk: point["disk.percent"] ?? null,
    });
  }
  if (!points.length) return points;
  const from = points[points.length - 1]!.t - minutes * 60_000;
  return points.filter((point) => point.t >= from);
}

/** A host's newest value of one metric: the live sample, else the server's snapshot. */
export function currentValue(host: OverviewHost, series: SparkPoint[], key: SparkKey): number | null {
  const last = series.length ? series[series.length - 1]![key] : null;
  return last ?? host[`${key}_percent`];
}

export function percentTone(value: number | null | undefined): Tone {
  if (value === null || value === undefined) return "idle";
  return value >= 90 ? "bad" : value >= 75 ? "warn" : "good";
}

export function alertsTone(alerts: MonitoringOverview["alerts"]): Tone {
  if (alerts.firing.critical > 0) return "bad";
  if (alerts.firing.warning > 0 || alerts.firing.info > 0) return "warn";
  return "good";
}

export function errorRateTone(rate: number, requests: number): Tone {
  if (!requests) return "idle";
  return rate >= 5 ? "bad" : rate >= 1 ? "warn" : "good";
}

export function latencyTone(p95: number, requests: number): Tone {
  if (!requests) return "idle";
  return p95 >= 1000 ? "bad" : p95 >= 500 ? "warn" : "good";
}

export function waitTone(seconds: number): Tone {
  return seconds >= 300 ? "bad" : seconds >= 60 ? "warn" : "good";
}

export function aiCostTone(ai: NonNullable<MonitoringOverview["ai_cost"]>): Tone {
  if (ai.projects_over_budget > 0 || (ai.budget_usd > 0 && ai.forecast_usd > ai.budget_usd)) return "bad";
  return ai.budget_used_percent >= 80 ? "warn" : "good";
}

export function ingestionTone(analytics: NonNullable<MonitoringOverview["analytics"]>): Tone {
  const requests = analytics.accepted + analytics.errors + analytics.throttled;
  if (analytics.errors > 0 && analytics.errors / Math.max(1, requests) >= 0.05) return "bad";
  return analytics.errors > 0 || analytics.throttled > 0 ? "warn" : "good";
}

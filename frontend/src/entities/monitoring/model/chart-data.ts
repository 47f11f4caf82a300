import type { LiveSample, MetricSeries, Resolution } from "./types";

/** A recharts row: epoch ms plus one value per series key. */
export type ChartRow = { t: number } & Record<string, number>;

export interface ChartData {
  rows: ChartRow[];
  /** One line per series ("" for a single-series metric becomes `value`). */
  keys: string[];
  resolution: Resolution;
}

export const SINGLE_SERIES_KEY = "value";

export function seriesKey(labels: string): string {
  return labels === "" ? SINGLE_SERIES_KEY : labels;
}

/**
 * Metric history → recharts rows: points of every series merged by timestamp
 * (mounts or interfaces sampled together share a row), sorted by time. Rollup
 * points chart their average.
 */
export function seriesToChartData(data: MetricSeries): ChartData {
  const rows = new Map<number, ChartRow>();
  const keys: string[] = [];
  for (const series of data.series) {
    const key = seriesKey(series.labels);
    keys.push(key);
    for (const point of series.points) {
      const t = Date.parse(point.ts);
      if (Number.isNaN(t) || !Number.isFinite(point.value)) continue;
      const row = rows.get(t) ?? ({ t } as ChartRow);
      row[key] = point.value;
      rows.set(t, row);
    }
  }
  return {
    rows: [...rows.values()].sort((a, b) => a.t - b.t),
    keys: keys.sort((a, b) => a.localeCompare(b)),
    resolution: data.resolution,
  };
}

/**
 * Append a live sample to a raw-resolution chart of `metric` (the newest range
 * only); points older than `windowMs` fall off the left edge.
 */
export function appendLiveSample(chart: ChartData, sample: LiveSample, metric: string, windowMs: number): ChartData {
  if (chart.resolution !== "raw") return chart;
  const value = sample.metrics[metric];
  const t = Date.parse(sample.ts);
  if (value === undefined || Number.isNaN(t)) return chart;
  const last = chart.rows[chart.rows.length - 1];
  if (last && t <= last.t) return chart;
  const row = { t } as ChartRow;
  const keys = new Set(chart.keys);
  if (typeof value === "number") {
    row[SINGLE_SERIES_KEY] = value;
    keys.add(SINGLE_SERIES_KEY);
  } else {
    for (const [labels, item] of Object.entries(value)) {
      row[seriesKey(labels)] = item;
      keys.add(seriesKey(labels));
    }
  }
  const rows = [...chart.rows, row].filter((item) => item.t >= t - windowMs);
  return { ...chart, rows, keys: [...keys].sort((a, b) => a.localeCompare(b)) };
}

export const RANGES = ["1h", "6h", "24h", "7d", "30d", "90d", "1y"] as const;
export type RangeKey = (typeof RANGES)[number];

const RANGE_MS: Record<RangeKey, number> = {
  "1h": 3_600_000,
  "6h": 6 * 3_600_000,
  "24h": 24 * 3_600_000,
  "7d": 7 * 86_400_000,
  "30d": 30 * 86_400_000,
  "90d": 90 * 86_400_000,
  "1y": 365 * 86_400_000,
};

export function rangeMs(range: RangeKey): number {
  return RANGE_MS[range];
}

/** `from`/`to` for a range ending now, rounded to the minute so the query cache key is stable. */
export function rangeBounds(range: RangeKey, now: number): { from: string; to: string } {
  const end = Math.ceil(now / 60_000) * 60_000;
  return { from: new Date(end - RANGE_MS[range]).toISOString(), to: new Date(end).toISOString() };
}

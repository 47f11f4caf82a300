import type { LiveSample, SampleValue } from "./types";

/** Metrics the overview keeps a short live history of (one number per host each). */
export const LIVE_METRICS = [
  "cpu.percent",
  "mem.percent",
  "disk.percent",
  "load.1",
  "net.rx_bytes_per_s",
  "net.tx_bytes_per_s",
] as const;
export type LiveMetric = (typeof LIVE_METRICS)[number];

/** One flattened sample: epoch ms plus the overview metrics. */
export type LivePoint = { t: number } & Partial<Record<LiveMetric, number>>;

export interface HostLive {
  latest: LiveSample;
  points: LivePoint[];
}

export interface LiveState {
  byHost: Record<string, HostLive>;
}

/** How many points per host the sparklines keep (15 s interval → 30 min). */
export const LIVE_HISTORY = 120;

export const initialLiveState: LiveState = { byHost: {} };

export type LiveAction =
  | { type: "seed"; samples: LiveSample[] }
  | { type: "sample"; sample: LiveSample }
  | { type: "reset" };

/**
 * A multi-series metric folded to the one number the overview shows: the
 * fullest disk (worst case), total network traffic over all interfaces.
 */
export function foldValue(metric: string, value: SampleValue | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  const numbers = Object.values(value).filter((item) => Number.isFinite(item));
  if (numbers.length === 0) return undefined;
  if (metric.startsWith("net.")) return numbers.reduce((sum, item) => sum + item, 0);
  return Math.max(...numbers);
}

export function flattenSample(sample: LiveSample): LivePoint {
  const point: LivePoint = { t: Date.parse(sample.ts) };
  for (const metric of LIVE_METRICS) {
    const value = foldValue(metric, sample.metrics[metric]);
    if (value !== undefined) point[metric] = value;
  }
  return point;
}

function add(state: LiveState, sample: LiveSample): LiveState {
  const t = Date.parse(sample.ts);
  if (Number.isNaN(t)) return state;
  const current = state.byHost[sample.host.id];
  if (current) {
    const last = current.points[current.points.length - 1];
    // Samples can arrive twice (seed + socket) or late after a reconnect: keep time order, no duplicates.
    if (last && t <= last.t) return state;
  }
  const points = [...(current?.points ?? []), flattenSample(sample)].slice(-LIVE_HISTORY);
  return { byHost: { ...state.byHost, [sample.host.id]: { latest: sample, points } } };
}

/** Pure reducer for the live overview: `metrics.sample` events appended per host. */
export function liveReducer(state: LiveState, action: LiveAction): LiveState {
  switch (action.type) {
    case "seed":
      return action.samples.reduce(add, state);
    case "sample":
      return add(state, action.sample);
    case "reset":
      return initialLiveState;
  }
}

import type { AnalyticsTick, LiveConversion, SeriesPoint } from "./types";

/** How much history the live page-views chart keeps. */
export const LIVE_WINDOW_MINUTES = 30;

const MINUTE_MS = 60_000;

/** Page views in one minute; `t` is the minute's start (epoch ms). */
export interface LivePoint {
  t: number;
  pageViews: number;
}

/** What the live panel shows for one site: REST snapshot first, then every tick. */
export interface LiveState {
  siteId: string;
  activeSessions: number;
  pageViewsLastMinute: number;
  points: LivePoint[];
  latestConversions: LiveConversion[];
  /** `ts` of the newest data applied (REST snapshot or tick). */
  updatedAt: string;
}

export function minuteStart(ms: number): number {
  return Math.floor(ms / MINUTE_MS) * MINUTE_MS;
}

/**
 * Points up to and including `minute`: missing minutes are zero (no tick
 * means no traffic: ticks stop only when a site is idle), and only the last
 * `windowMinutes` are kept.
 */
function fillTo(points: readonly LivePoint[], minute: number, windowMinutes: number): LivePoint[] {
  const oldest = minute - (windowMinutes - 1) * MINUTE_MS;
  const byMinute = new Map(points.filter((p) => p.t >= oldest && p.t <= minute).map((p) => [p.t, p.pageViews]));
  const filled: LivePoint[] = [];
  for (let t = oldest; t <= minute; t += MINUTE_MS) {
    filled.push({ t, pageViews: byMinute.get(t) ?? 0 });
  }
  return filled;
}

/** The starting state from the REST data: a per-minute series and the active count. */
export function seedLiveState(
  siteId: string,
  series: readonly SeriesPoint[],
  activeSessions: number,
  now: Date,
  windowMinutes = LIVE_WINDOW_MINUTES,
): LiveState {
  const nowMinute = minuteStart(now.getTime());
  const points = fillTo(
    series.map((point) => ({ t: minuteStart(Date.parse(point.ts)), pageViews: point.page_views })),
    nowMinute,
    windowMinutes,
  );
  const last = points.at(-1);
  return {
    siteId,
    activeSessions,
    pageViewsLastMinute: last?.pageViews ?? 0,
    points,
    latestConversions: [],
    updatedAt: now.toISOString(),
  };
}

/**
 * Apply one `analytics.tick`: the counter takes the tick's value and the
 * tick's minute on the chart takes the rolling "last 60 s" count. Ticks of
 * other sites and ticks older than what is shown are ignored.
 */
export function applyTick(state: LiveState, tick: AnalyticsTick, windowMinutes = LIVE_WINDOW_MINUTES): LiveState {
  if (tick.site.id !== state.siteId) return state;
  const tickMs = Date.parse(tick.ts);
  if (Number.isNaN(tickMs) || tickMs < Date.parse(state.updatedAt)) return state;

  const minute = minuteStart(tickMs);
  const points = fillTo(state.points, minute, windowMinutes).map((point) =>
    point.t === minute ? { t: minute, pageViews: tick.page_views_last_minute } : point,
  );
  return {
    siteId: state.siteId,
    activeSessions: tick.active_sessions,
    pageViewsLastMinute: tick.page_views_last_minute,
    points,
    latestConversions: tick.latest_conversions ?? [],
    updatedAt: tick.ts,
  };
}

/**
 * Move the window to `nowMs` without a tick: minutes that passed are zero
 * (ticks stop only when a site is idle). Counters and `updatedAt` stay, so
 * the next tick is still accepted.
 */
export function advanceLive(state: LiveState, nowMs: number, windowMinutes = LIVE_WINDOW_MINUTES): LiveState {
  const minute = minuteStart(nowMs);
  const last = state.points.at(-1);
  if (last && last.t >= minute) return state;
  return { ...state, points: fillTo(state.points, minute, windowMinutes) };
}

import type { AnalyticsInterval } from "./range";
import type { VitalName } from "./vitals";

/** `GET monitoring/analytics/` — see apps/monitoring/ANALYTICS_API.md. */
export interface AnalyticsQuery {
  site: string;
  from: string;
  to: string;
  interval: AnalyticsInterval | "minute";
  limit?: number;
}

export interface AnalyticsTotals {
  visitors: number;
  sessions: number;
  page_views: number;
  /** 0–1 */
  bounce_rate: number;
  avg_session_duration_seconds: number;
  conversions: number;
  conversion_value: number;
  converted_sessions: number;
  /** 0–1 */
  conversion_rate: number;
}

export interface SeriesPoint {
  ts: string;
  page_views: number;
  sessions: number;
  visitors: number;
  conversions: number;
}

export interface PageRow {
  path: string;
  page_views: number;
  visitors: number;
}

export interface PathSessionsRow {
  path: string;
  sessions: number;
}

export interface ReferrerRow {
  /** "" = direct */
  referrer: string;
  sessions: number;
}

export interface DeviceRow {
  device_class: string;
  sessions: number;
}

export interface BrowserRow {
  browser: string;
  sessions: number;
}

export interface ConversionNameRow {
  name: string;
  count: number;
  value: number;
}

/** Page → conversion funnel: sessions that viewed the page and how many converted. */
export interface ConversionPageRow {
  path: string;
  sessions: number;
  converted_sessions: number;
  conversion_rate: number;
}

/** p75 per page; null when the page has no sample of that vital. */
export interface VitalsRow {
  path: string;
  lcp_p75: number | null;
  cls_p75: number | null;
  inp_p75: number | null;
  lcp_samples: number;
  cls_samples: number;
  inp_samples: number;
}

export interface AnalyticsReport {
  site: { id: string; name: string };
  from: string;
  to: string;
  interval: AnalyticsInterval | "minute";
  /** `rollup`/`mixed`: part of the range comes from daily rollups (approximate). */
  source: "raw" | "rollup" | "mixed";
  totals: AnalyticsTotals;
  top_pages: PageRow[];
  entry_pages: PathSessionsRow[];
  exit_pages: PathSessionsRow[];
  referrers: ReferrerRow[];
  devices: DeviceRow[];
  browsers: BrowserRow[];
  conversions_by_name: ConversionNameRow[];
  conversion_pages: ConversionPageRow[];
  vitals: VitalsRow[];
  vital_thresholds?: Partial<Record<VitalName, [number, number]>>;
  series: SeriesPoint[];
}

/** One session in `GET monitoring/sessions/active/`. */
export interface ActiveSession {
  id: string;
  visitor: string;
  started_at: string;
  last_seen_at: string;
  current_page: string;
  entry_page: string;
  page_count: number;
  duration_seconds: number;
  device_class: string;
  browser: string;
  os: string;
  referrer: string;
  utm_source: string;
  converted: boolean;
}

export interface ActiveSessions {
  site: string;
  window_seconds: number;
  count: number;
  results: ActiveSession[];
}

export interface LiveConversion {
  ts: string;
  name: string;
  value: number | null;
  path: string;
  session: string;
}

/** The `data` of an `analytics.tick` message on `/ws/monitoring/`. */
export interface AnalyticsTick {
  site: { id: string; name: string };
  ts: string;
  active_sessions: number;
  page_views_last_minute: number;
  latest_conversions: LiveConversion[];
}

export function isAnalyticsTick(value: unknown): value is AnalyticsTick {
  if (typeof value !== "object" || value === null) return false;
  const tick = value as Partial<AnalyticsTick>;
  return (
    typeof tick.site === "object" &&
    tick.site !== null &&
    typeof tick.site.id === "string" &&
    typeof tick.ts === "string" &&
    !Number.isNaN(Date.parse(tick.ts)) &&
    typeof tick.active_sessions === "number" &&
    typeof tick.page_views_last_minute === "number"
  );
}

import type { QueryParams, Schemas } from "@/shared/api";

// The report and the active sessions are the server's shapes (apps/monitoring/analytics/
// report_schema.py and views.py), generated into schema.gen.ts: never re-declared here.

/** `GET monitoring/analytics/` — see apps/monitoring/ANALYTICS_API.md. */
export type AnalyticsQuery = QueryParams<"monitoring_analytics_retrieve">;

export type AnalyticsReport = Schemas["SiteAnalytics"];
export type AnalyticsTotals = Schemas["AnalyticsTotals"];
export type SeriesPoint = Schemas["AnalyticsSeriesPoint"];
export type PageRow = Schemas["AnalyticsPageRow"];
export type PathSessionsRow = Schemas["AnalyticsPathSessionsRow"];
export type ReferrerRow = Schemas["AnalyticsReferrerRow"];
export type DeviceRow = Schemas["AnalyticsDeviceRow"];
export type BrowserRow = Schemas["AnalyticsBrowserRow"];
export type ConversionNameRow = Schemas["AnalyticsConversionNameRow"];
export type ConversionPageRow = Schemas["AnalyticsConversionPageRow"];
export type VitalsRow = Schemas["AnalyticsVitalsRow"];
/** (good up to, poor from) per vital, as the server rates them. */
export type VitalThresholds = Schemas["AnalyticsVitalThresholds"];

/** One session in `GET monitoring/sessions/active/`. */
export type ActiveSession = Schemas["ActiveSessionOut"];
export type ActiveSessions = Schemas["ActiveSessions"];

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

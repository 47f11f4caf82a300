export { useDeviceLabel, useDurationText } from "./lib/use-labels";
export {
  analyticsApi,
  useGetActiveSessionsQuery,
  useGetAnalyticsLiveQuery,
  useGetAnalyticsReportQuery,
} from "./api/analytics-api";
export { advanceLive, applyTick, LIVE_WINDOW_MINUTES, minuteStart, seedLiveState, type LivePoint, type LiveState } from "./model/live";
export {
  intervalsFor,
  parseLocalDate,
  RANGE_PRESETS,
  resolveRange,
  toLocalDateString,
  type AnalyticsInterval,
  type RangePreset,
  type RangeSelection,
  type ResolvedRange,
} from "./model/range";
export { ANALYTICS_TICK, registerAnalyticsRealtime } from "./model/realtime";
export {
  isAnalyticsTick,
  type ActiveSession,
  type ActiveSessions,
  type AnalyticsQuery,
  type AnalyticsReport,
  type AnalyticsTick,
  type AnalyticsTotals,
  type BrowserRow,
  type ConversionNameRow,
  type ConversionPageRow,
  type DeviceRow,
  type LiveConversion,
  type PageRow,
  type PathSessionsRow,
  type ReferrerRow,
  type SeriesPoint,
  type VitalsRow,
  type VitalThresholds,
} from "./model/types";
export { formatVital, rateVital, type VitalName, type VitalRating } from "./model/vitals";
export { VitalValue, type VitalValueProps } from "./ui/vital-value";

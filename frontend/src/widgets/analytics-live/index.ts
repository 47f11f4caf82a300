export { AnalyticsLive, type AnalyticsLiveProps } from "./ui/analytics-live";

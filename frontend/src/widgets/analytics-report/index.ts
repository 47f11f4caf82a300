export { AnalyticsReport, type AnalyticsReportProps } from "./ui/analytics-report";

export { AIUsagePanel } from "./ui/ai-usage-panel";
export { usageSeries, type UsagePoint } from "./model/series";

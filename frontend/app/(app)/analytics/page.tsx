export { AnalyticsPage as default } from "@/views/analytics";

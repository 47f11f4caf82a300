export { StatsTab } from "./ui/stats-tab";

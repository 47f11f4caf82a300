export { AlertsTab } from "./ui/alerts-tab";

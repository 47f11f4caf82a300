export { MonitoringPage } from "./ui/monitoring-page";

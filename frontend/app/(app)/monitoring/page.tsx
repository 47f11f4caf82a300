export { MonitoringPage as default } from "@/views/monitoring";

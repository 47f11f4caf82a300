export { AnomaliesTab } from "./ui/anomalies-tab";

export { ReportsTab } from "./ui/reports-tab";

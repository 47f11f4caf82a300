export { HistoryTab } from "./ui/history-tab";

export { OverviewTab, type OverviewLink } from "./ui/overview-tab";

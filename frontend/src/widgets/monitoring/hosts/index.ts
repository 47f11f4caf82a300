export { HostsTab } from "./ui/hosts-tab";

export { ChannelsTab } from "./ui/channels-tab";

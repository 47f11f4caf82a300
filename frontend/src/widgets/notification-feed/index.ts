export { NotificationFeed } from "./ui/notification-feed";
export { RecentNotifications } from "./ui/recent-notifications";

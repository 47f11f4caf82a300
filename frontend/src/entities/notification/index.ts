export {
  cursorFromUrl,
  notificationApi,
  useGetUnreadCountQuery,
  useListNotificationsInfiniteQuery,
} from "./api/notification-api";
export {
  insertNotification,
  updateCachedNotificationLists,
  updateCachedUnreadCount,
  type CachePatch,
} from "./model/cache";
export { NOTIFICATION_CREATED, registerNotificationRealtime } from "./model/realtime";
export {
  ALL_NOTIFICATIONS,
  isNotification,
  toNotification,
  type Notification,
  type NotificationFilter,
  type UnreadCount,
} from "./model/types";
export { NotificationItem, type NotificationItemProps } from "./ui/notification-item";
export { NotificationSkeleton } from "./ui/notification-skeleton";

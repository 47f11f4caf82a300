export { markReadApi, useMarkAllNotificationsReadMutation, useMarkNotificationReadMutation } from "./api/mark-read-api";
export { useMarkRead } from "./model/use-mark-read";
export { LatestNotifications, type LatestNotificationsProps } from "./ui/latest-notifications";
export { MarkAllReadButton, MarkReadButton } from "./ui/mark-read-buttons";

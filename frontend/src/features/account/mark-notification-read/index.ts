export { markReadApi, useMarkAllNotificationsReadMutation, useMarkNotificationReadMutation } from "./api/mark-read-api";
export { useMarkRead } from "./model/use-mark-read";
export { MarkAllReadButton, MarkReadButton } from "./ui/mark-read-buttons";

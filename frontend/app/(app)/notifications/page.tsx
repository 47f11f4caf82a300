export { NotificationsPage as default } from "@/views/notifications";

export { NotificationSettingsPage as default } from "@/views/notification-settings";

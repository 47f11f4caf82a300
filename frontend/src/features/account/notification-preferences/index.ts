export {
  preferencesApi,
  useGetNotificationPreferencesQuery,
  useUpdateNotificationPreferencesMutation,
  type NotificationPreferences,
} from "./api/preferences-api";
export { NOTIFICATION_KINDS, NOTIFICATION_MODES, type NotificationKind, type NotificationMode } from "./model/kinds";
export { NotificationPreferencesForm } from "./ui/preferences-form";

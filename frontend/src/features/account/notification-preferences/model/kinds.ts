import { notificationKindEnumValues, notificationModeEnumValues, type Schemas } from "@/shared/api";

/** Kinds and modes come from the server's schema, in its order. */
export type NotificationKind = Schemas["NotificationKindEnum"];
export type NotificationMode = Schemas["NotificationModeEnum"];

export const NOTIFICATION_KINDS: readonly NotificationKind[] = notificationKindEnumValues;
export const NOTIFICATION_MODES: readonly NotificationMode[] = notificationModeEnumValues;

export type ModeByKind = Partial<Record<NotificationKind, NotificationMode>>;

export function modesFrom(items: readonly { kind: NotificationKind; mode: NotificationMode }[]): ModeByKind {
  return Object.fromEntries(items.map((item) => [item.kind, item.mode])) as ModeByKind;
}

import type { Refine, Schemas } from "@/shared/api";

/** An in-app notification (`/api/v1/notifications/`); `url`: in-app path or absolute URL, if any. */
export type Notification = Refine<
  Schemas["NotificationOut"],
  // read_at: marked read in the cache at once (optimistic).
  { url: string | null; data: Record<string, unknown>; read_at: string | null }
>;

export interface NotificationFilter {
  unread: boolean;
}

/** Every notification, newest first: the list the bell follows and the latest-notification lists show (one cache entry). */
export const ALL_NOTIFICATIONS: NotificationFilter = { unread: false };

export type UnreadCount = Schemas["UnreadCount"];

export function isNotification(value: unknown): value is Notification {
  if (typeof value !== "object" || value === null) return false;
  const n = value as Partial<Notification>;
  return typeof n.id === "string" && typeof n.title === "string" && typeof n.created_at === "string";
}

/** Normalise a notification from the wire (optional fields may be missing in events). */
export function toNotification(value: Notification): Notification {
  return {
    id: value.id,
    verb: value.verb ?? "",
    title: value.title,
    body: value.body ?? "",
    data: value.data ?? {},
    url: value.url ?? null,
    read_at: value.read_at ?? null,
    created_at: value.created_at,
  };
}

/** The list the bell follows (and its dropdown shows): every notification, newest first. */
export const NOTIFICATION_LIST = { unread: false } as const;

import type { ApiRootState, AppThunkDispatch } from "@/shared/lib/redux";

import { notificationApi } from "../api/notification-api";
import type { Notification } from "./types";

type Dispatch = AppThunkDispatch;

/** Undo handles of optimistic cache edits. */
export interface CachePatch {
  undo: () => void;
}

/**
 * Apply `recipe` to every cached notifications list (all filters) and return
 * the undo handles, for optimistic updates and realtime events alike.
 */
export function updateCachedNotificationLists(
  dispatch: Dispatch,
  state: ApiRootState,
  recipe: (notifications: Notification[], filter: { unread: boolean }, pageIndex: number) => void,
): CachePatch[] {
  const args = notificationApi.util.selectCachedArgsForQuery(state, "listNotifications");
  return args.map((arg) =>
    dispatch(
      notificationApi.util.updateQueryData("listNotifications", arg, (draft) => {
        draft.pages.forEach((page, index) => recipe(page.results, arg, index));
      }),
    ),
  );
}

export function updateCachedUnreadCount(dispatch: Dispatch, recipe: (count: number) => number): CachePatch {
  return dispatch(
    notificationApi.util.updateQueryData("getUnreadCount", undefined, (draft) => {
      draft.count = Math.max(0, recipe(draft.count));
    }),
  );
}

/** A new notification (from the socket) goes on top of every list, once. */
export function insertNotification(dispatch: Dispatch, state: ApiRootState, notification: Notification): void {
  let known = false;
  updateCachedNotificationLists(dispatch, state, (items) => {
    if (items.some((item) => item.id === notification.id)) known = true;
  });
  if (known) return;
  updateCachedNotificationLists(dispatch, state, (items, filter, pageIndex) => {
    if (pageIndex !== 0 || (filter.unread && notification.read_at)) return;
    items.unshift(notification);
  });
  if (!notification.read_at) {
    updateCachedUnreadCount(dispatch, (count) => count + 1);
  }
}

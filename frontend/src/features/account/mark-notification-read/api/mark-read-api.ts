import {
  updateCachedNotificationLists,
  updateCachedUnreadCount,
  type CachePatch,
  type Notification,
} from "@/entities/notification";
import { baseApi } from "@/shared/api";
import type { ApiRootState } from "@/shared/lib/redux";

/**
 * Both mutations update the cache before the server answers and undo the
 * change if it refuses; the caller shows the failure.
 */
export const markReadApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    markNotificationRead: build.mutation<Notification, string>({
      query: (id) => ({ url: `notifications/${id}/read/`, method: "POST" }),
      async onQueryStarted(id, { dispatch, getState, queryFulfilled }) {
        const readAt = new Date().toISOString();
        let wasUnread = false;
        const patches: CachePatch[] = updateCachedNotificationLists(dispatch, getState() as ApiRootState, (items) => {
          for (const item of items) {
            if (item.id === id && !item.read_at) {
              item.read_at = readAt;
              wasUnread = true;
            }
          }
        });
        if (wasUnread) patches.push(updateCachedUnreadCount(dispatch, (count) => count - 1));
        try {
          const { data } = await queryFulfilled;
          updateCachedNotificationLists(dispatch, getState() as ApiRootState, (items) => {
            const index = items.findIndex((item) => item.id === id);
            if (index >= 0) items[index] = data;
          });
        } catch {
          patches.forEach((patch) => patch.undo());
        }
      },
    }),
    markAllNotificationsRead: build.mutation<{ updated: number }, void>({
      query: () => ({ url: "notifications/read-all/", method: "POST" }),
      async onQueryStarted(_arg, { dispatch, getState, queryFulfilled }) {
        const readAt = new Date().toISOString();
        const patches: CachePatch[] = updateCachedNotificationLists(dispatch, getState() as ApiRootState, (items) => {
          for (const item of items) {
            if (!item.read_at) item.read_at = readAt;
          }
        });
        patches.push(updateCachedUnreadCount(dispatch, () => 0));
        try {
          await queryFulfilled;
        } catch {
          patches.forEach((patch) => patch.undo());
        }
      },
    }),
  }),
});

export const { useMarkNotificationReadMutation, useMarkAllNotificationsReadMutation } = markReadApi;

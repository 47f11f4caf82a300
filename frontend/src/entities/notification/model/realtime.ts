import type { ListenerMiddlewareInstance } from "@reduxjs/toolkit";

import type { ApiRootState, AppThunkDispatch } from "@/shared/lib/redux";
import { baseApi } from "@/shared/api";
import { wsEventReceived } from "@/shared/ws";

import { insertNotification } from "./cache";
import { isNotification, toNotification } from "./types";

export const NOTIFICATION_CREATED = "notification.created";

/**
 * Feed `notification.created` events from the socket into the cache: the
 * lists get the item on top and the unread count goes up, with no refetch.
 */
export function registerNotificationRealtime(listener: Pick<ListenerMiddlewareInstance<ApiRootState, AppThunkDispatch>, "startListening">): () => void {
  return listener.startListening({
    actionCreator: wsEventReceived,
    effect: (action, api) => {
      const event = action.payload;
      if (event.type === NOTIFICATION_CREATED && isNotification(event.data)) {
        insertNotification(api.dispatch, api.getState(), toNotification(event.data));
      } else if (event.type.startsWith("notification.") || event.type.startsWith("notifications.")) {
        // Anything else about notifications (e.g. read on another device): refetch.
        api.dispatch(baseApi.util.invalidateTags([{ type: "Notification", id: "LIST" }, "UnreadCount"]));
      }
    },
  });
}

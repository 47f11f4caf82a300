import { baseApi } from "@/shared/api";
import { defineRealtime } from "@/shared/lib/redux";

import { insertNotification } from "./cache";
import { isNotification, toNotification } from "./types";

export const NOTIFICATION_CREATED = "notification.created";

/**
 * Feed `notification.created` events from the socket into the cache: the
 * lists get the item on top and the unread count goes up, with no refetch.
 */
export const registerNotificationRealtime = defineRealtime({
  types: ["notification.", "notifications."],
  onEvent: (event, { dispatch, getState }) => {
    if (event.type === NOTIFICATION_CREATED && isNotification(event.data)) {
      insertNotification(dispatch, getState(), toNotification(event.data));
    } else {
      // Anything else about notifications (e.g. read on another device): refetch.
      dispatch(baseApi.util.invalidateTags([{ type: "Notification", id: "LIST" }, "UnreadCount"]));
    }
  },
});

"use client";

import { useEffect } from "react";
import { useSelector } from "react-redux";

import { selectIsAuthenticated } from "@/entities/session";
import { useAppDispatch } from "@/shared/lib/redux";
import { createRealtimeConnection, NOTIFICATIONS_SOCKET_PATH } from "@/shared/ws";

/** The one place a socket is opened: while signed in, the user's notification stream. */
export function RealtimeBridge() {
  const authenticated = useSelector(selectIsAuthenticated);
  const dispatch = useAppDispatch();

  useEffect(() => {
    if (!authenticated) return;
    const connection = createRealtimeConnection({
      dispatch,
      path: NOTIFICATIONS_SOCKET_PATH,
      resyncTags: ["Notification", "UnreadCount"],
      // Read again on first contact only if the stream had an event since the data was requested.
      firstContact: "when-missed",
    });
    connection.start();
    return () => connection.stop();
  }, [authenticated, dispatch]);

  return null;
}

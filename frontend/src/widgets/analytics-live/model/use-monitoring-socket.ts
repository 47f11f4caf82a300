"use client";

import { useEffect, useState } from "react";

import { baseApi } from "@/shared/api";
import { useAppDispatch } from "@/shared/lib/redux";
import { createRealtimeConnection, MONITORING_SOCKET_PATH, type WebSocketFactory, type WsStatus } from "@/shared/ws";

/**
 * While mounted, the page's own `/ws/monitoring/` connection (the shared
 * {@link createRealtimeConnection}, so tickets, backoff and keep-alive are the
 * app's). Its `analytics.tick` events reach the cache through the store's
 * listener; this hook reports the state for the "live" badge and re-seeds the
 * live data after a reconnect, because ticks missed meanwhile are never replayed.
 */
export function useMonitoringSocket(enabled: boolean, createSocket?: WebSocketFactory): WsStatus {
  const dispatch = useAppDispatch();
  const [status, setStatus] = useState<WsStatus>("idle");

  useEffect(() => {
    if (!enabled) return;
    let wasOpen = false;
    const connection = createRealtimeConnection({
      dispatch,
      path: MONITORING_SOCKET_PATH,
      resyncTags: ["Analytics"],
      // The header's indicator belongs to the notifications socket.
      reportStatus: false,
      onStatusChange: setStatus,
      createSocket,
      onHello: () => {
        if (wasOpen) dispatch(baseApi.util.invalidateTags(["Analytics"]));
        wasOpen = true;
      },
    });
    connection.start();
    return () => {
      connection.stop();
      setStatus("idle");
    };
  }, [enabled, dispatch, createSocket]);

  return status;
}

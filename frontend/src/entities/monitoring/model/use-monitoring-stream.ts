"use client";

import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import { useStore } from "react-redux";

import { baseApi } from "@/shared/api";
import { useAppDispatch, type ApiRootState } from "@/shared/lib/redux";
import { CLOSE_FORBIDDEN, createRealtimeConnection, MONITORING_SOCKET_PATH, type WsStatus } from "@/shared/ws";

import { upsertAlertInCache } from "./alert-cache";
import { initialLiveState, liveReducer, type LiveState } from "./live-samples";
import { isAlert, isLiveSample, type Alert, type LiveSample } from "./types";

export interface MonitoringStream {
  status: WsStatus;
  forbidden: boolean;
  live: LiveState;
  /** The newest sample per host id, for charts that append as samples arrive. */
  lastSample: LiveSample | null;
  seed: (samples: LiveSample[]) => void;
}

/**
 * `/ws/monitoring/` through the app's one WebSocket manager: `metrics.sample`
 * feeds the live reducer, `alert.*` events update the cached alert lists and
 * call `onAlert` (the page shows a toast).
 */
export function useMonitoringStream(onAlert?: (type: string, alert: Alert) => void): MonitoringStream {
  const dispatch = useAppDispatch();
  const store = useStore<ApiRootState>();
  const [live, send] = useReducer(liveReducer, initialLiveState);
  const [lastSample, setLastSample] = useState<LiveSample | null>(null);
  const [status, setStatus] = useState<WsStatus>("idle");
  const [forbidden, setForbidden] = useState(false);
  const onAlertRef = useRef(onAlert);

  useEffect(() => {
    onAlertRef.current = onAlert;
  }, [onAlert]);

  useEffect(() => {
    const connection = createRealtimeConnection({
      dispatch,
      path: MONITORING_SOCKET_PATH,
      resyncTags: ["Alert", "Host"],
      reportStatus: false,
      onMessage: (event) => {
        if (event.type === "metrics.sample" && isLiveSample(event.data)) {
          send({ type: "sample", sample: event.data });
          setLastSample(event.data);
        } else if (event.type.startsWith("alert.") && isAlert(event.data)) {
          upsertAlertInCache(dispatch, store.getState(), event.data);
          dispatch(baseApi.util.invalidateTags([{ type: "AlertRule", id: "LIST" }]));
          onAlertRef.current?.(event.type, event.data);
        }
      },
      onClosed: (code) => {
        if (code === CLOSE_FORBIDDEN) setForbidden(true);
      },
    });
    // This page's socket only (the header's indicator is the notifications stream).
    const poll = window.setInterval(() => setStatus(connection.getStatus()), 500);
    connection.start();
    return () => {
      window.clearInterval(poll);
      connection.stop();
    };
  }, [dispatch, store]);

  const seed = useCallback((samples: LiveSample[]) => send({ type: "seed", samples }), []);
  return { status, forbidden, live, lastSample, seed };
}

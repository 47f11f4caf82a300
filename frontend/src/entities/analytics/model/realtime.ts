import type { ListenerMiddlewareInstance } from "@reduxjs/toolkit";

import { baseApi } from "@/shared/api";
import type { ApiRootState, AppThunkDispatch } from "@/shared/lib/redux";
import { wsEventReceived } from "@/shared/ws";

import { analyticsApi } from "../api/analytics-api";
import { applyTick } from "./live";
import { isAnalyticsTick } from "./types";

export const ANALYTICS_TICK = "analytics.tick";
/** `/ws/monitoring/` carries alerts, metric samples and analytics ticks. */
export const MONITORING_SOCKET_PATH = "/ws/monitoring/";

/**
 * Feed `analytics.tick` from the monitoring socket into the live cache entry
 * of its site. When the active count moved, the cached list of active
 * sessions is refetched too (a tick carries only the count).
 */
export function registerAnalyticsRealtime(
  listener: Pick<ListenerMiddlewareInstance<ApiRootState, AppThunkDispatch>, "startListening">,
): () => void {
  return listener.startListening({
    actionCreator: wsEventReceived,
    effect: (action, api) => {
      const event = action.payload;
      if (event.type !== ANALYTICS_TICK || !isAnalyticsTick(event.data)) return;
      const tick = event.data;
      const site = tick.site.id;
      api.dispatch(analyticsApi.util.updateQueryData("getAnalyticsLive", site, (draft) => applyTick(draft, tick)));
      const cached = analyticsApi.endpoints.getActiveSessions.select(site)(api.getState()).data;
      if (cached && cached.count !== tick.active_sessions) {
        api.dispatch(baseApi.util.invalidateTags([{ type: "Analytics", id: `active:${site}` }]));
      }
    },
  });
}

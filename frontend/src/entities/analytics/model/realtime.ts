import { baseApi } from "@/shared/api";
import { defineRealtime } from "@/shared/lib/redux";

import { analyticsApi } from "../api/analytics-api";
import { applyTick } from "./live";
import { isAnalyticsTick } from "./types";

export const ANALYTICS_TICK = "analytics.tick";

/**
 * Feed `analytics.tick` from the monitoring socket into the live cache entry
 * of its site. When the active count moved, the cached list of active
 * sessions is refetched too (a tick carries only the count).
 */
export const registerAnalyticsRealtime = defineRealtime({
  types: [ANALYTICS_TICK],
  onEvent: (event, { dispatch, getState }) => {
    if (event.type !== ANALYTICS_TICK || !isAnalyticsTick(event.data)) return;
    const tick = event.data;
    const site = tick.site.id;
    dispatch(analyticsApi.util.updateQueryData("getAnalyticsLive", site, (draft) => applyTick(draft, tick)));
    const cached = analyticsApi.endpoints.getActiveSessions.select(site)(getState()).data;
    if (cached && cached.count !== tick.active_sessions) {
      dispatch(baseApi.util.invalidateTags([{ type: "Analytics", id: `active:${site}` }]));
    }
  },
});

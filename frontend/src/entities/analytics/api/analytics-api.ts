import { asApiError, baseApi } from "@/shared/api";

import { LIVE_WINDOW_MINUTES, seedLiveState, type LiveState } from "../model/live";
import type { ActiveSessions, AnalyticsQuery, AnalyticsReport } from "../model/types";

const resourcesApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    getAnalyticsReport: build.query<AnalyticsReport, AnalyticsQuery>({
      query: ({ site, from, to, interval, limit = 10 }) => ({
        url: "monitoring/analytics/",
        params: { site, from, to, interval, limit },
      }),
      providesTags: (_report, _error, { site }) => [{ type: "Analytics", id: `report:${site}` }],
    }),
    getActiveSessions: build.query<ActiveSessions, string>({
      query: (site) => ({ url: "monitoring/sessions/active/", params: { site } }),
      providesTags: (_data, _error, site) => [{ type: "Analytics", id: `active:${site}` }],
    }),
  }),
});

export const analyticsApi = resourcesApi.injectEndpoints({
  endpoints: (build) => ({
    /**
     * The live panel's starting point: the last half hour per minute and the
     * active count, then kept current by `analytics.tick` (see realtime.ts). The
     * active sessions come from their own cache entry (`getActiveSessions`), which
     * the panel's list shows too: one entry per resource.
     */
    getAnalyticsLive: build.query<LiveState, string>({
      async queryFn(site, api, _extra, baseQuery) {
        const from = new Date(Date.now() - LIVE_WINDOW_MINUTES * 60_000).toISOString();
        // `to` is left to the server so the snapshot carries the server's clock,
        // which is the clock ticks are stamped with.
        const activeRequest = api.dispatch(resourcesApi.endpoints.getActiveSessions.initiate(site, { subscribe: false, forceRefetch: true }));
        const [report, active] = await Promise.all([
          baseQuery({ url: "monitoring/analytics/", params: { site, from, interval: "minute", limit: 1 } }),
          activeRequest,
        ]);
        if (report.error) return { error: report.error };
        if (active.error || !active.data) return { error: asApiError(active.error) };
        const data = report.data as AnalyticsReport;
        return { data: seedLiveState(site, data.series, active.data.count, new Date(data.to)) };
      },
      providesTags: (_data, _error, site) => [{ type: "Analytics", id: `live:${site}` }],
    }),
  }),
});

export const { useGetAnalyticsReportQuery, useGetActiveSessionsQuery, useGetAnalyticsLiveQuery } = analyticsApi;

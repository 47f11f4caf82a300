import { baseApi } from "@/shared/api";

import { LIVE_WINDOW_MINUTES, seedLiveState, type LiveState } from "../model/live";
import type { ActiveSessions, AnalyticsQuery, AnalyticsReport } from "../model/types";

export const analyticsApi = baseApi.injectEndpoints({
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
    /**
     * The live panel's starting point: the last half hour per minute and the
     * active count, then kept current by `analytics.tick` (see realtime.ts).
     */
    getAnalyticsLive: build.query<LiveState, string>({
      async queryFn(site, _api, _extra, baseQuery) {
        const from = new Date(Date.now() - LIVE_WINDOW_MINUTES * 60_000).toISOString();
        // `to` is left to the server so the snapshot carries the server's clock,
        // which is the clock ticks are stamped with.
        const [report, active] = await Promise.all([
          baseQuery({ url: "monitoring/analytics/", params: { site, from, interval: "minute", limit: 1 } }),
          baseQuery({ url: "monitoring/sessions/active/", params: { site } }),
        ]);
        if (report.error) return { error: report.error };
        if (active.error) return { error: active.error };
        const data = report.data as AnalyticsReport;
        const sessions = active.data as ActiveSessions;
        return { data: seedLiveState(site, data.series, sessions.count, new Date(data.to)) };
      },
      providesTags: (_data, _error, site) => [{ type: "Analytics", id: `live:${site}` }],
    }),
  }),
});

export const { useGetAnalyticsReportQuery, useGetActiveSessionsQuery, useGetAnalyticsLiveQuery } = analyticsApi;

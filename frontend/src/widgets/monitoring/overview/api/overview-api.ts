import { baseApi, type Schemas } from "@/shared/api";

export type MonitoringOverview = Schemas["MonitoringOverviewOut"];
export type OverviewHost = Schemas["OverviewHostOut"];

/**
 * `GET monitoring/overview/` — the console's first tab in one answer (staff only).
 * Host samples arrive live over the monitoring stream; the rest polls, and any
 * `alert.*` event refetches it (the stream invalidates the AlertRule list).
 */
export const overviewApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    getMonitoringOverview: build.query<MonitoringOverview, void>({
      query: () => "monitoring/overview/",
      providesTags: [
        { type: "AlertRule", id: "LIST" },
        { type: "Alert", id: "LIST" },
        { type: "Host", id: "LIST" },
      ],
    }),
  }),
});

export const { useGetMonitoringOverviewQuery } = overviewApi;

import { baseApi } from "@/shared/api";
import { fileNameFrom } from "@/shared/lib/download";

import type {
  Alert,
  AlertFilter,
  AlertRule,
  AlertRuleInput,
  Anomaly,
  Backup,
  Channel,
  ChannelInput,
  Delivery,
  Forecasts,
  Host,
  MetricCatalog,
  MetricQueryArgs,
  MetricSeries,
  NotificationTemplate,
  PageResult,
  RulePreview,
  RulePreviewArgs,
  Silence,
  SilenceInput,
  Stats,
  StatsPeriod,
  TaskRun,
  TasksOverview,
  TemplateEvent,
  TemplateInput,
  TemplatePreview,
} from "../model/types";
import type { Report, ReportBrief, ReportCsv, ReportKind, ReportRequest } from "../model/report-types";

const LIST = "LIST" as const;

/** Every monitoring endpoint (staff only; others get 403 `permission_denied`). */
export const monitoringApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    listHosts: build.query<Host[], void>({
      query: () => "monitoring/hosts/",
      providesTags: [{ type: "Host", id: LIST }],
    }),
    getMetricSeries: build.query<MetricSeries, MetricQueryArgs>({
      // The backend picks the resolution (raw ≤ 1 day, hourly ≤ 92 days, daily beyond).
      query: (args) => ({ url: "monitoring/metrics/", params: { ...args } }),
      providesTags: [{ type: "Metric", id: LIST }],
    }),
    getMetricCatalog: build.query<MetricCatalog, void>({
      query: () => "monitoring/metrics/catalog/",
    }),
    getStats: build.query<Stats, { metric: string; period: StatsPeriod }>({
      query: (params) => ({ url: "monitoring/stats/", params }),
      providesTags: [{ type: "Metric", id: "STATS" }],
    }),
    getForecasts: build.query<Forecasts, void>({
      query: () => "monitoring/forecasts/",
      providesTags: [{ type: "Metric", id: "FORECASTS" }],
    }),
    listAnomalies: build.query<PageResult<Anomaly>, { page?: number }>({
      query: ({ page }) => ({ url: "monitoring/anomalies/", params: { page } }),
      providesTags: [{ type: "Metric", id: "ANOMALIES" }],
    }),

    listAlerts: build.query<PageResult<Alert>, AlertFilter>({
      query: ({ status, page }) => ({ url: "monitoring/alerts/", params: { status, page, page_size: 50 } }),
      providesTags: [{ type: "Alert", id: LIST }],
    }),
    ackAlert: build.mutation<Alert, string>({
      query: (id) => ({ url: `monitoring/alerts/${id}/ack/`, method: "POST" }),
      invalidatesTags: [{ type: "Alert", id: LIST }],
    }),
    updateAlertNotes: build.mutation<Alert, { id: string; notes: string }>({
      query: ({ id, notes }) => ({ url: `monitoring/alerts/${id}/`, method: "PATCH", body: { notes } }),
      invalidatesTags: [{ type: "Alert", id: LIST }],
    }),

    listRules: build.query<PageResult<AlertRule>, void>({
      query: () => ({ url: "monitoring/rules/", params: { page_size: 100 } }),
      providesTags: [{ type: "AlertRule", id: LIST }],
    }),
    createRule: build.mutation<AlertRule, AlertRuleInput>({
      query: (body) => ({ url: "monitoring/rules/", method: "POST", body }),
      invalidatesTags: [{ type: "AlertRule", id: LIST }],
    }),
    updateRule: build.mutation<AlertRule, { id: string; body: Partial<AlertRuleInput> }>({
      query: ({ id, body }) => ({ url: `monitoring/rules/${id}/`, method: "PATCH", body }),
      invalidatesTags: [{ type: "AlertRule", id: LIST }],
    }),
    deleteRule: build.mutation<void, string>({
      query: (id) => ({ url: `monitoring/rules/${id}/`, method: "DELETE" }),
      invalidatesTags: [{ type: "AlertRule", id: LIST }, { type: "Alert", id: LIST }],
    }),
    previewRule: build.mutation<RulePreview, RulePreviewArgs>({
      query: (body) => ({ url: "monitoring/rules/preview/", method: "POST", body }),
    }),

    listSilences: build.query<PageResult<Silence>, void>({
      query: () => ({ url: "monitoring/silences/", params: { page_size: 100 } }),
      providesTags: [{ type: "Silence", id: LIST }],
    }),
    createSilence: build.mutation<Silence, SilenceInput>({
      query: (body) => ({ url: "monitoring/silences/", method: "POST", body }),
      invalidatesTags: [{ type: "Silence", id: LIST }],
    }),
    expireSilence: build.mutation<void, string>({
      query: (id) => ({ url: `monitoring/silences/${id}/`, method: "DELETE" }),
      invalidatesTags: [{ type: "Silence", id: LIST }],
    }),

    listChannels: build.query<PageResult<Channel>, void>({
      query: () => ({ url: "monitoring/channels/", params: { page_size: 100 } }),
      providesTags: [{ type: "AlertChannel", id: LIST }],
    }),
    createChannel: build.mutation<Channel, ChannelInput>({
      query: (body) => ({ url: "monitoring/channels/", method: "POST", body }),
      invalidatesTags: [{ type: "AlertChannel", id: LIST }],
    }),
    updateChannel: build.mutation<Channel, { id: string; body: Partial<ChannelInput> }>({
      query: ({ id, body }) => ({ url: `monitoring/channels/${id}/`, method: "PATCH", body }),
      invalidatesTags: [{ type: "AlertChannel", id: LIST }],
    }),
    deleteChannel: build.mutation<void, string>({
      query: (id) => ({ url: `monitoring/channels/${id}/`, method: "DELETE" }),
      invalidatesTags: [{ type: "AlertChannel", id: LIST }, { type: "AlertRule", id: LIST }],
    }),
    testChannel: build.mutation<Delivery, string>({
      query: (id) => ({ url: `monitoring/channels/${id}/test/`, method: "POST" }),
      invalidatesTags: (_result, _error, id) => [{ type: "AlertChannel", id: `DELIVERIES-${id}` }],
    }),
    listDeliveries: build.query<PageResult<Delivery>, string>({
      query: (id) => ({ url: `monitoring/channels/${id}/deliveries/`, params: { page_size: 20 } }),
      providesTags: (_result, _error, id) => [{ type: "AlertChannel", id: `DELIVERIES-${id}` }],
    }),

    listTemplates: build.query<PageResult<NotificationTemplate>, void>({
      query: () => ({ url: "monitoring/templates/", params: { page_size: 100 } }),
      providesTags: [{ type: "AlertTemplate", id: LIST }],
    }),
    createTemplate: build.mutation<NotificationTemplate, TemplateInput>({
      query: (body) => ({ url: "monitoring/templates/", method: "POST", body }),
      invalidatesTags: [{ type: "AlertTemplate", id: LIST }],
    }),
    updateTemplate: build.mutation<NotificationTemplate, { id: string; body: Partial<TemplateInput> }>({
      query: ({ id, body }) => ({ url: `monitoring/templates/${id}/`, method: "PATCH", body }),
      invalidatesTags: [{ type: "AlertTemplate", id: LIST }],
    }),
    deleteTemplate: build.mutation<void, string>({
      query: (id) => ({ url: `monitoring/templates/${id}/`, method: "DELETE" }),
      invalidatesTags: [{ type: "AlertTemplate", id: LIST }],
    }),
    previewTemplate: build.mutation<TemplatePreview, { event_type: TemplateEvent; subject: string; body: string }>({
      query: (body) => ({ url: "monitoring/templates/preview/", method: "POST", body }),
    }),

    getTasks: build.query<TasksOverview, void>({
      query: () => "monitoring/tasks/",
      providesTags: [{ type: "Metric", id: "TASKS" }],
    }),
    // Flower's actions: revoke a queued task (or stop a running one with `terminate`), send a failed one again.
    revokeTask: build.mutation<TaskRun, { taskId: string; terminate?: boolean }>({
      query: ({ taskId, terminate = false }) => ({
        url: `monitoring/tasks/${encodeURIComponent(taskId)}/revoke/`,
        method: "POST",
        body: { terminate },
      }),
      invalidatesTags: [{ type: "Metric", id: "TASKS" }],
    }),
    retryTask: build.mutation<{ task_id: string }, string>({
      query: (taskId) => ({ url: `monitoring/tasks/${encodeURIComponent(taskId)}/retry/`, method: "POST" }),
      invalidatesTags: [{ type: "Metric", id: "TASKS" }],
    }),
    listBackups: build.query<PageResult<Backup>, void>({
      query: () => "monitoring/backups/",
      providesTags: [{ type: "Metric", id: "BACKUPS" }],
    }),
    startBackup: build.mutation<{ status: string }, void>({
      query: () => ({ url: "monitoring/backups/", method: "POST" }),
      invalidatesTags: [{ type: "Metric", id: "BACKUPS" }],
    }),

    // Operations reports (built by a worker task; poll one while it is pending or building).
    listReports: build.query<PageResult<ReportBrief>, { kind?: ReportKind; page?: number }>({
      query: (params) => ({ url: "monitoring/reports/", params }),
      providesTags: [{ type: "Metric", id: "REPORTS" }],
    }),
    getReport: build.query<Report, string>({
      query: (id) => `monitoring/reports/${id}/`,
      providesTags: (_result, _error, id) => [{ type: "Metric", id: `REPORT-${id}` }],
    }),
    requestReport: build.mutation<Report, ReportRequest>({
      query: (body) => ({ url: "monitoring/reports/", method: "POST", body }),
      invalidatesTags: (result) => [
        { type: "Metric", id: "REPORTS" },
        ...(result ? [{ type: "Metric" as const, id: `REPORT-${result.id}` }] : []),
      ],
    }),
    sendReport: build.mutation<{ recipients: number }, string>({
      query: (id) => ({ url: `monitoring/reports/${id}/send/`, method: "POST" }),
      invalidatesTags: (_result, _error, id) => [
        { type: "Metric", id: "REPORTS" },
        { type: "Metric", id: `REPORT-${id}` },
      ],
    }),
    // A mutation, not a query: it runs on click and is never cached; through the base query
    // so the download is authenticated like any call.
    downloadReportCsv: build.mutation<ReportCsv, { id: string; fallbackName: string }>({
      query: ({ id }) => ({
        url: `monitoring/reports/${id}/csv/`,
        headers: { Accept: "text/csv, application/json" },
        responseHandler: "content-type",
      }),
      transformResponse: (text: string, meta, { fallbackName }) => ({
        text,
        filename: fileNameFrom(meta?.response?.headers.get("content-disposition"), fallbackName),
      }),
    }),
  }),
});

export const {
  useAckAlertMutation,
  useCreateChannelMutation,
  useCreateRuleMutation,
  useCreateSilenceMutation,
  useCreateTemplateMutation,
  useDeleteChannelMutation,
  useDeleteRuleMutation,
  useDeleteTemplateMutation,
  useDownloadReportCsvMutation,
  useExpireSilenceMutation,
  useGetForecastsQuery,
  useGetMetricCatalogQuery,
  useGetMetricSeriesQuery,
  useGetReportQuery,
  useGetStatsQuery,
  useGetTasksQuery,
  useListAlertsQuery,
  useListAnomaliesQuery,
  useListBackupsQuery,
  useListChannelsQuery,
  useListDeliveriesQuery,
  useListHostsQuery,
  useListReportsQuery,
  useListRulesQuery,
  useListSilencesQuery,
  useListTemplatesQuery,
  usePreviewRuleMutation,
  usePreviewTemplateMutation,
  useRequestReportMutation,
  useRetryTaskMutation,
  useRevokeTaskMutation,
  useSendReportMutation,
  useStartBackupMutation,
  useTestChannelMutation,
  useUpdateAlertNotesMutation,
  useUpdateChannelMutation,
  useUpdateRuleMutation,
  useUpdateTemplateMutation,
} = monitoringApi;

export {
  monitoringApi,
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
  useSendReportMutation,
  useRetryTaskMutation,
  useRevokeTaskMutation,
  useStartBackupMutation,
  useTestChannelMutation,
  useUpdateAlertNotesMutation,
  useUpdateChannelMutation,
  useUpdateRuleMutation,
  useUpdateTemplateMutation,
} from "./api/monitoring-api";
export { upsertAlertInCache } from "./model/alert-cache";
export {
  appendLiveSample,
  RANGES,
  rangeBounds,
  rangeMs,
  seriesToChartData,
  SINGLE_SERIES_KEY,
  type ChartData,
  type ChartRow,
  type RangeKey,
} from "./model/chart-data";
export { formatBytes, formatMetricValue, metricUnit, type MetricUnit } from "./model/format";
export {
  flattenSample,
  foldValue,
  initialLiveState,
  LIVE_HISTORY,
  LIVE_METRICS,
  liveReducer,
  type HostLive,
  type LiveAction,
  type LiveMetric,
  type LivePoint,
  type LiveState,
} from "./model/live-samples";
export { useMonitoringStream, type MonitoringStream } from "./model/use-monitoring-stream";
export * from "./model/types";
export * from "./model/report-types";
export {
  ActionsHead,
  DeleteButton,
  EditorOrToolbar,
  EnabledCell,
  RowActions,
  useFailureToast,
} from "./ui/crud-parts";
export { HostMetricSelect } from "./ui/host-metric-select";
export { ResultsTable } from "./ui/results-table";
export { default as consoleStyles } from "./ui/console.module.css";

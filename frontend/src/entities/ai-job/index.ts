export {
  aiJobApi,
  useApproveAIJobMutation,
  useGetAISettingsQuery,
  useGetAIUsageQuery,
  useListAIJobsQuery,
  useRejectAIJobMutation,
  useRetryAIJobMutation,
  useUpdateAISettingsMutation,
  type JobListArgs,
} from "./api/ai-job-api";
export { useRiskReasons } from "./lib/risk-reasons";
export { usd } from "./model/money";
export { registerAIJobRealtime } from "./model/realtime";
export {
  JOB_KINDS,
  JOB_STATUSES,
  type AIJob,
  type AISettings,
  type AISettingsInput,
  type AIUsage,
  type JobFilter,
  type JobKind,
  type JobPerson,
  type JobPriority,
  type JobRisk,
  type JobStatus,
  type RiskFactor,
  type UsageDay,
  type UsageKind,
} from "./model/types";
export { AiNotConfigured } from "./ui/ai-not-configured";

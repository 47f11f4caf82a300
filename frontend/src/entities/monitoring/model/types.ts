/**
 * Shapes of the monitoring API (`/api/v1/monitoring/…`) and its realtime events: the
 * generated OpenAPI shapes, refined only where the document has a bare JSON field.
 */
import type { Page, paths, Refine, Schemas } from "@/shared/api";

export type Severity = Schemas["SeverityEnum"];
export type Operator = Schemas["OperatorEnum"];
export type AlertStatus = Schemas["AlertOutStatusEnum"];
export type Resolution = Schemas["ResolutionEnum"];

export type PageResult<T> = Page<T>;

export type Ref = Schemas["HostBriefOut"];
export type UserRef = Schemas["UserRefOut"];

/** A metric value: one number, or one number per series (mount, interface, core). */
export type SampleValue = number | Record<string, number>;

/** `metrics.sample` event payload and the `latest` of a host. */
export interface LiveSample {
  host: Ref;
  ts: string;
  metrics: Record<string, SampleValue>;
}

export type Host = Refine<Schemas["HostOut"], { labels: Record<string, string>; latest: LiveSample | null }>;

export interface SeriesPoint {
  ts: string;
  value: number;
  min?: number;
  max?: number;
  p95?: number;
  count?: number;
}

export type MetricSeries = Refine<Schemas["MetricSeries"], { series: Array<{ labels: string; points: SeriesPoint[] }> }>;

export interface MetricQueryArgs {
  host: string;
  metric: string;
  from: string;
  to: string;
}

export type MetricCatalog = Schemas["MetricCatalog"];

export type Alert = Refine<Schemas["AlertOut"], { operator: Operator }>;

export interface AlertFilter {
  status?: "open" | AlertStatus;
  page?: number;
}

export type ChannelBrief = Schemas["ChannelBriefOut"];

/**
 * `host_selector`: hosts (or sites) by name/id or a glob, project ids for AI cost rules,
 * targets (route groups, WebSocket endpoints, queues) for application metrics.
 */
export interface TargetSelector {
  hosts?: string[];
  sites?: string[];
  targets?: string[];
  name_glob?: string;
  projects?: string[];
}

export type AlertRule = Refine<Schemas["RuleOut"], { host_selector: TargetSelector }>;
export type AlertRuleInput = Refine<Schemas["RuleInRequest"], { host_selector: TargetSelector }>;

export interface RulePreviewEpisode {
  started_at: string;
  resolved_at: string | null;
  peak: number;
  labels: string;
}

export type RulePreview = Refine<
  Schemas["RulePreviewOut"],
  { hosts: Array<{ host: Ref; points: number; episodes: RulePreviewEpisode[]; firing_now: boolean }> }
>;
export type RulePreviewArgs = Refine<Schemas["RulePreviewInput"], { host_selector: TargetSelector }>;

export type SilenceKind = Schemas["SilenceKindEnum"];

export interface SilenceMatchers {
  rule?: string;
  host?: string;
  severity?: string;
  metric?: string;
  target?: string;
}

export type Silence = Refine<Schemas["SilenceOut"], { matchers: SilenceMatchers }>;
export type SilenceInput = Refine<Schemas["SilenceInRequest"], { matchers: SilenceMatchers }>;

export type ChannelKind = Schemas["MonitoringChannelKindEnum"];
/** A channel; `secret` only in the answer that created it or rotated its secret. */
export type Channel = Refine<Schemas["ChannelOut"], { recipients: string[] }> & { secret?: string };
export type ChannelInput = Schemas["ChannelInRequest"];

export type DeliveryAttempt = Schemas["DeliveryAttemptOut"];
export type Delivery = Schemas["DeliveryOut"];

export type TemplateEvent = Schemas["EventTypeEnum"];
export type NotificationTemplate = Schemas["TemplateOut"];
export type TemplateInput = Schemas["TemplateInRequest"];
export type TemplatePreview = Schemas["TemplatePreviewOut"];

export type StatsPeriod = NonNullable<
  NonNullable<paths["/api/v1/monitoring/stats/"]["get"]["parameters"]["query"]>["period"]
>;

export interface StatValues {
  count: number;
  min: number;
  max: number;
  avg: number;
  p95: number;
}

export interface StatsRow {
  host: Ref;
  labels: string;
  current: StatValues | null;
  previous: StatValues | null;
  change_percent: Record<"min" | "avg" | "max" | "p95", number | null>;
  trend_per_day: number | null;
}

export type Stats = Refine<Schemas["Stats"], { period: StatsPeriod; rows: StatsRow[] }>;

export interface DiskForecast {
  host: Ref;
  mount: string;
  current_percent: number | null;
  slope_percent_per_day: number | null;
  days_until_full: number | null;
  full_at: string | null;
  /** False until the points span a few hours (no forecast from minutes of noise). */
  enough_data: boolean;
}

export interface AICostForecast {
  project: Ref;
  month: string;
  month_to_date_usd: number;
  forecast_usd: number;
  budget_usd: number;
  budget_used_percent: number;
  forecast_over_budget: boolean;
}

export type Forecasts = Refine<Schemas["DiskForecasts"], { disks: DiskForecast[]; ai_cost: AICostForecast[] }>;

export type Anomaly = Schemas["AnomalyOut"];
export type TaskRun = Schemas["TaskRunOut"];

export interface TaskSummary {
  name: string;
  total: number;
  succeeded: number;
  failed: number;
  retried: number;
  running: number;
}

export type TasksOverview = Refine<Schemas["TasksOverview"], { summary: TaskSummary[] }>;
export type Backup = Schemas["BackupOut"];

export function isLiveSample(value: unknown): value is LiveSample {
  if (!value || typeof value !== "object") return false;
  const candidate = value as Partial<LiveSample>;
  return (
    typeof candidate.ts === "string" &&
    !!candidate.host &&
    typeof candidate.host.id === "string" &&
    !!candidate.metrics &&
    typeof candidate.metrics === "object"
  );
}

export function isAlert(value: unknown): value is Alert {
  if (!value || typeof value !== "object") return false;
  const candidate = value as Partial<Alert>;
  return typeof candidate.id === "string" && typeof candidate.status === "string" && !!candidate.rule;
}

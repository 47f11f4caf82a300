/** Shapes of the monitoring API (`/api/v1/monitoring/…`) and its realtime events. */

export type Severity = "info" | "warning" | "critical";
export type Operator = ">" | ">=" | "<" | "<=" | "==" | "!=";
export type AlertStatus = "pending" | "firing" | "resolved";
export type Resolution = "raw" | "hour" | "day";

export interface PageResult<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

export interface Ref {
  id: string;
  name: string;
}

/** A metric value: one number, or one number per series (mount, interface, core). */
export type SampleValue = number | Record<string, number>;

/** `metrics.sample` event payload and the `latest` of a host. */
export interface LiveSample {
  host: Ref;
  ts: string;
  metrics: Record<string, SampleValue>;
}

export interface Host {
  id: string;
  name: string;
  display_name: string;
  labels: Record<string, string>;
  cpu_count: number | null;
  boot_time: number | null;
  last_seen_at: string | null;
  status: string;
  latest: LiveSample | null;
  created_at: string;
}

export interface SeriesPoint {
  ts: string;
  value: number;
  min?: number;
  max?: number;
  p95?: number;
  count?: number;
}

export interface MetricSeries {
  host: Ref;
  metric: string;
  resolution: Resolution;
  from: string;
  to: string;
  series: Array<{ labels: string; points: SeriesPoint[] }>;
}

export interface MetricQueryArgs {
  host: string;
  metric: string;
  from: string;
  to: string;
}

export interface MetricCatalog {
  sources: Record<string, Record<string, string>>;
}

export interface UserRef {
  id: string;
  display_name: string;
}

export interface Alert {
  id: string;
  rule: { id: string; name: string; source: string; metric: string; severity: Severity };
  source: string;
  host: Ref | null;
  target: string;
  target_label: string;
  labels: string;
  status: AlertStatus;
  severity: Severity;
  value: number | null;
  operator: Operator;
  threshold: number;
  pending_since: string;
  started_at: string | null;
  resolved_at: string | null;
  last_notified_at: string | null;
  notify_count: number;
  silenced: boolean;
  acknowledged_by: UserRef | null;
  acknowledged_at: string | null;
  notes: string;
  created_at: string;
}

export interface AlertFilter {
  status?: "open" | AlertStatus;
  page?: number;
}

export interface ChannelBrief {
  id: string;
  name: string;
  kind: ChannelKind;
}

/** `host_selector`: hosts by name/id or a glob for host rules, project ids for AI cost rules. */
export interface TargetSelector {
  hosts?: string[];
  sites?: string[];
  name_glob?: string;
  projects?: string[];
}

export interface AlertRule {
  id: string;
  name: string;
  description: string;
  source: string;
  metric: string;
  labels: string;
  host_selector: TargetSelector;
  operator: Operator;
  threshold: number;
  for_seconds: number;
  severity: Severity;
  channels: ChannelBrief[];
  cooldown_seconds: number;
  enabled: boolean;
  template: string;
  open_alerts: number;
}

export interface AlertRuleInput {
  name: string;
  description?: string;
  source: string;
  metric: string;
  labels?: string;
  host_selector: TargetSelector;
  operator: Operator;
  threshold: number;
  for_seconds: number;
  severity: Severity;
  channels: string[];
  cooldown_seconds: number;
  enabled: boolean;
  template: string;
}

export interface RulePreviewEpisode {
  started_at: string;
  resolved_at: string | null;
  peak: number;
  labels: string;
}

export interface RulePreview {
  from: string;
  to: string;
  supported: boolean;
  hosts: Array<{ host: Ref; points: number; episodes: RulePreviewEpisode[]; firing_now: boolean }>;
}

export interface RulePreviewArgs {
  metric: string;
  operator: Operator;
  threshold: number;
  for_seconds: number;
  host_selector: TargetSelector;
}

export type SilenceKind = "silence" | "maintenance";

export interface SilenceMatchers {
  rule?: string;
  host?: string;
  severity?: string;
  metric?: string;
  target?: string;
}

export interface Silence {
  id: string;
  kind: SilenceKind;
  matchers: SilenceMatchers;
  starts_at: string;
  ends_at: string;
  reason: string;
  created_by: UserRef | null;
  active: boolean;
  created_at: string;
}

export interface SilenceInput {
  kind: SilenceKind;
  matchers: SilenceMatchers;
  starts_at?: string;
  ends_at: string;
  reason: string;
}

export type ChannelKind = "email" | "webhook";

export interface Channel {
  id: string;
  name: string;
  kind: ChannelKind;
  enabled: boolean;
  locale: "ko" | "en";
  recipients: string[];
  url: string;
  secret_hint: string;
  secret?: string;
  created_at: string;
}

export interface ChannelInput {
  name: string;
  kind: ChannelKind;
  enabled: boolean;
  locale: "ko" | "en";
  recipients?: string[];
  url?: string;
}

export interface DeliveryAttempt {
  number: number;
  at: string;
  ok: boolean;
  status_code: number | null;
  latency_ms: number;
  error: string;
}

export interface Delivery {
  id: string;
  event_type: string;
  subject: string;
  status: "pending" | "retrying" | "delivered" | "failed";
  attempts: number;
  delivered_at: string | null;
  last_error: string;
  attempt_log: DeliveryAttempt[];
  created_at: string;
}

export type TemplateEvent = "alert.firing" | "alert.resolved" | "alert.renotify" | "channel.test";

export interface NotificationTemplate {
  id: string;
  name: string;
  event_type: TemplateEvent;
  locale: "ko" | "en";
  subject: string;
  body: string;
}

export interface TemplateInput {
  name: string;
  event_type: TemplateEvent;
  locale: "ko" | "en";
  subject: string;
  body: string;
}

export interface TemplatePreview {
  subject: string;
  body: string;
}

export type StatsPeriod = "day" | "week" | "month";

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

export interface Stats {
  metric: string;
  period: StatsPeriod;
  source: string;
  rows: StatsRow[];
}

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

export interface Forecasts {
  disks: DiskForecast[];
  ai_cost: AICostForecast[];
}

export interface Anomaly {
  id: string;
  host: Ref;
  metric: string;
  labels: string;
  detected_at: string;
  value: number;
  baseline_mean: number;
  baseline_std: number;
  score: number;
}

export interface TaskRun {
  task_id: string;
  name: string;
  state: "started" | "succeeded" | "failed" | "retry";
  worker: string;
  retries: number;
  started_at: string;
  finished_at: string | null;
  runtime_ms: number | null;
  error: string;
}

export interface TaskSummary {
  name: string;
  total: number;
  succeeded: number;
  failed: number;
  retried: number;
  running: number;
}

export interface TasksOverview {
  queues: Record<string, number> | null;
  summary: TaskSummary[];
  recent: TaskRun[];
  failures: TaskRun[];
  retries: TaskRun[];
}

export interface Backup {
  id: string;
  status: "running" | "succeeded" | "failed";
  engine: string;
  size: number;
  sha256: string;
  created_at: string;
  finished_at: string | null;
  error: string;
}

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

/** Shapes of apps/ai_planning (AIJobOut, AISettingsOut, UsageOut). Money is sent as decimal strings. */

import { aIJobOutKindEnumValues, aIJobStatusEnumValues, type Schemas } from "@/shared/api";

/** A person as the API shows them (`UserBriefOut`). */
export type JobPerson = Schemas["UserBriefOut"];

export const JOB_KINDS = aIJobOutKindEnumValues;
export type JobKind = (typeof JOB_KINDS)[number];

export const JOB_STATUSES = aIJobStatusEnumValues;
export type JobStatus = (typeof JOB_STATUSES)[number];

export type JobPriority = Schemas["AIJobOutPriorityEnum"];
export type JobRisk = Schemas["RiskEnum"];

/** Why a job needs approval, as data (`RiskFactorOut`). */
export interface RiskFactor {
  code: Schemas["CodeEnum"];
  estimated_usd?: string;
  threshold_usd?: string;
  budget_share_percent?: number;
}

export interface AIJob {
  id: string;
  project: string;
  kind: JobKind;
  status: JobStatus;
  priority: JobPriority;
  risk: JobRisk;
  risk_reasons: string[];
  risk_factors: RiskFactor[];
  model: string;
  plan: string | null;
  params: Record<string, unknown>;
  estimated_tokens: number;
  estimated_cost_usd: string;
  tokens: number;
  cost_usd: string;
  attempts: number;
  max_attempts: number;
  created_by: JobPerson | null;
  approved_by: JobPerson | null;
  approved_at: string | null;
  rejected_by: JobPerson | null;
  rejected_at: string | null;
  error_code: string;
  error: string;
  started_at: string | null;
  finished_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface AISettings {
  monthly_budget_usd: string;
  approval_threshold_usd: string;
  /** Blank: the server's default model (`effective_model`). */
  model: string;
  effective_model: string;
  ai_configured: boolean;
  /** `google`, `pexels`, `unsplash` or null when storyboard images are off. */
  image_search_provider: string | null;
  updated_at: string;
}

export interface AISettingsInput {
  monthly_budget_usd?: string;
  approval_threshold_usd?: string;
  model?: string;
}

export interface UsageDay {
  date: string;
  kind: JobKind;
  calls: number;
  cache_hits: number;
  tokens: number;
  cost_usd: string;
}

export interface UsageKind {
  kind: JobKind;
  calls: number;
  cache_hits: number;
  tokens: number;
  cost_usd: string;
}

export interface AIUsage {
  month: string;
  budget_usd: string;
  month_to_date_usd: string;
  budget_used_percent: number;
  forecast_usd: string;
  forecast_over_budget: boolean;
  calls: number;
  cache_hits: number;
  cache_hit_rate: number;
  tokens: number;
  daily: UsageDay[];
  by_kind: UsageKind[];
  ai_configured: boolean;
}

export interface JobFilter {
  status?: JobStatus | "";
  kind?: JobKind | "";
}

export interface JobPage {
  count: number;
  next: string | null;
  previous: string | null;
  results: AIJob[];
}

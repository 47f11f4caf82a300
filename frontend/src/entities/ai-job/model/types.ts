/** Shapes of apps/ai_planning (AIJobOut, AISettingsOut, UsageOut). Money is sent as decimal strings. */

import { aIJobOutKindEnumValues, aIJobStatusEnumValues, type Page, type Refine, type Schemas } from "@/shared/api";

/** A person as the API shows them (`UserBriefOut`). */
export type JobPerson = Schemas["UserBriefOut"];

export const JOB_KINDS = aIJobOutKindEnumValues;
export type JobKind = (typeof JOB_KINDS)[number];

export const JOB_STATUSES = aIJobStatusEnumValues;
export type JobStatus = (typeof JOB_STATUSES)[number];

export type JobPriority = Schemas["AIJobOutPriorityEnum"];
export type JobRisk = Schemas["RiskEnum"];

/** Why a job needs approval, as data (`RiskFactorOut`). */
export type RiskFactor = Schemas["RiskFactorOut"];

export type AIJob = Refine<Schemas["AIJobOut"], { params: Record<string, unknown> }>;

export type AISettings = Schemas["AISettingsOut"];

export type AISettingsInput = Schemas["AISettingsDetailInput"];

export type UsageDay = Schemas["UsageDayOut"];

export type UsageKind = Schemas["UsageKindOut"];

export type AIUsage = Schemas["UsageOut"];

export interface JobFilter {
  status?: JobStatus | "";
  kind?: JobKind | "";
}

export type JobPage = Page<AIJob>;

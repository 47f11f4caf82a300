import { categoryEnumValues, type Schemas } from "@/shared/api";

/** The AI job's status (the digest has no status of its own). */
export type DigestStatus = Schemas["AIJobStatusEnum"];

/** The part of `AIJobOut` the digest panel shows. */
export interface DigestJob {
  id: string;
  status: DigestStatus;
  risk_reasons: string[];
  /** The AI job's RiskFactorOut (entities/ai-job `RiskFactor`); put into words by `useRiskReasons`. */
  risk_factors: {
    code: "over_threshold" | "near_budget";
    estimated_usd?: string;
    threshold_usd?: string;
    budget_share_percent?: number;
  }[];
  estimated_cost_usd: string;
  cost_usd: string;
  error_code: string;
  error: string;
}

/** Categories in the order the server groups them (apps/feedbacks TRIAGE_CATEGORIES). */
export const DIGEST_CATEGORIES = categoryEnumValues;
export type DigestCategory = (typeof DIGEST_CATEGORIES)[number];

export interface DigestPoint {
  text: string;
  /** Top-level comments of this version the point comes from (never empty). */
  feedback_ids: string[];
}

export interface DigestGroup {
  category: DigestCategory;
  points: DigestPoint[];
}

export interface DigestResult {
  overview: string;
  groups: DigestGroup[];
}

/** Where a running digest is, from `digest.progress` events (client-side only). */
export interface DigestProgress {
  step: string;
  percent: number;
}

/** `VersionDigestOut` of apps/ai_planning. */
export interface VersionDigest {
  id: string;
  project: string;
  version: string;
  /** The job's status. */
  status: DigestStatus;
  job: DigestJob;
  requested_by: { id: string; display_name: string } | null;
  language: string;
  /** Null until the job has succeeded. */
  result: DigestResult | null;
  feedback_count: number;
  dropped_ids_count: number;
  created_at: string;
  finished_at: string | null;
  progress?: DigestProgress;
}

const OPEN: readonly DigestStatus[] = ["queued", "awaiting_approval", "running"];

/** Still on its way (the widget shows progress and polls as a fallback to events). */
export function isDigestOpen(digest: Pick<VersionDigest, "status"> | null | undefined): boolean {
  return !!digest && OPEN.includes(digest.status);
}

export function isVersionDigest(value: unknown): value is VersionDigest {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Partial<VersionDigest>;
  return typeof candidate.id === "string" && typeof candidate.version === "string" && typeof candidate.status === "string";
}

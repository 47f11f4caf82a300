import { categoryEnumValues, type Refine, type Schemas } from "@/shared/api";

/** The AI job's status (the digest has no status of its own). */
export type DigestStatus = Schemas["AIJobStatusEnum"];

/** The part of `AIJobOut` the digest panel shows (risk factors are put into words by `useRiskReasons`). */
export type DigestJob = Pick<
  Schemas["AIJobOut"],
  "id" | "status" | "risk_reasons" | "risk_factors" | "estimated_cost_usd" | "cost_usd" | "error_code" | "error"
>;

/** Categories in the order the server groups them (apps/feedbacks TRIAGE_CATEGORIES). */
export const DIGEST_CATEGORIES = categoryEnumValues;
export type DigestCategory = (typeof DIGEST_CATEGORIES)[number];

/** `feedback_ids`: top-level comments of this version the point comes from (never empty). */
export type DigestPoint = Schemas["DigestPointOut"];

export type DigestGroup = Schemas["DigestGroupOut"];

export type DigestResult = Schemas["DigestResultOut"];

/** Where a running digest is, from `digest.progress` events (client-side only). */
export interface DigestProgress {
  step: string;
  percent: number;
}

/** `VersionDigestOut`: `status` is the job's; `result` is null until the job has succeeded. */
export type VersionDigest = Refine<
  Schemas["VersionDigestOut"],
  {
    status: DigestStatus;
    job: DigestJob;
    requested_by: Pick<Schemas["UserBriefOut"], "id" | "display_name"> | null;
    progress?: DigestProgress;
  }
>;

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

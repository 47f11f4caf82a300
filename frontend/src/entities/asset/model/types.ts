import type { Schemas } from "@/shared/api";

/** A person as the API shows them (`UserBriefOut`). */
export type ReviewUser = Schemas["UserBriefOut"];

export type VersionStatus = Schemas["VersionStatusEnum"];
export type ReviewStatus = Schemas["VersionReviewStatusEnum"];

/** `latest_version` of an asset (`VersionSummaryOut`). */
export interface VersionSummary {
  id: string;
  number: number;
  label: string;
  status: VersionStatus;
  review_status: ReviewStatus;
  duration: number | null;
  poster_url: string | null;
  created_at: string;
}

/** `GET assets/{id}/` */
export interface Asset {
  id: string;
  project_id: string;
  title: string;
  description: string;
  order: number;
  created_by: ReviewUser | null;
  version_count: number;
  latest_version: VersionSummary | null;
  created_at: string;
  updated_at: string;
}

export interface AssetInput {
  title: string;
  description?: string;
}

export interface PagedList<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

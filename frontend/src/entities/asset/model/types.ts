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

export type ProjectRole = "owner" | "manager" | "editor" | "reviewer" | "viewer";

/** The bits of a project the review pages need (`GET projects/{id}/`). */
export interface ReviewProject {
  id: string;
  name: string;
  my_role: ProjectRole | null;
}

export interface ReviewMember {
  user: ReviewUser;
  role: ProjectRole;
}

export interface PagedList<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

const ROLE_ACTIONS: Record<ProjectRole, readonly ReviewAction[]> = {
  owner: ["comment", "upload", "resolve", "manage"],
  manager: ["comment", "upload", "resolve", "manage"],
  editor: ["comment", "upload", "resolve"],
  reviewer: ["comment", "resolve"],
  viewer: [],
};

export type ReviewAction = "comment" | "upload" | "resolve" | "manage";

/** The role table of DESIGN §3 for review actions (the server still decides). */
export function roleCan(role: ProjectRole | null | undefined, action: ReviewAction): boolean {
  return role != null && ROLE_ACTIONS[role].includes(action);
}

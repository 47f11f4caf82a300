import { projectStatusEnumValues, roleEnumValues, type ProjectRole, type Schemas } from "@/shared/api";

export const ROLES = roleEnumValues;
export type Role = ProjectRole;

export const PROJECT_STATUSES = projectStatusEnumValues;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

/** A person as the API shows them (`UserBriefOut`). */
export type UserBrief = Schemas["UserBriefOut"];

export interface Project {
  id: string;
  name: string;
  description: string;
  status: ProjectStatus;
  deadline: string | null;
  owner: UserBrief;
  /** Absent (null) in event payloads: each client knows its own role. */
  my_role: Role | null;
  member_count: number;
  created_at: string;
  updated_at: string;
}

export interface ProjectInput {
  name?: string;
  description?: string;
  status?: ProjectStatus;
  deadline?: string | null;
}

export interface ProjectFilter {
  status?: ProjectStatus | "";
  search?: string;
  ordering?: string;
}

export interface PagedList<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

export interface Member {
  user: UserBrief;
  role: Role;
  joined_at: string;
}

export type InvitationState = "pending" | "accepted" | "revoked" | "expired";

export interface Invitation {
  id: string;
  email: string;
  role: Role;
  state: InvitationState;
  expires_at: string;
  inviter: UserBrief | null;
  accepted_at: string | null;
  revoked_at: string | null;
  created_at: string;
}

export interface InvitationPreview {
  email: string;
  role: Role;
  state: InvitationState;
  expires_at: string;
  inviter: string;
  project: { id: string; name: string };
}

export interface Phase {
  id: string;
  name: string;
  start: string;
  end: string;
  order: number;
  created_at: string;
  updated_at: string;
}

export interface PhaseInput {
  name?: string;
  start?: string;
  end?: string;
}

export interface Activity {
  id: string;
  actor: UserBrief | null;
  verb: string;
  target_type: string;
  target_id: string;
  data: Record<string, unknown>;
  created_at: string;
}

export interface PresenceUser {
  id: string;
  display_name: string;
}

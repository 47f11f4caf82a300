import {
  projectStatusEnumValues,
  roleEnumValues,
  type Page,
  type ProjectRole,
  type Refine,
  type Schemas,
} from "@/shared/api";

export const ROLES = roleEnumValues;
export type Role = ProjectRole;

export const PROJECT_STATUSES = projectStatusEnumValues;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

/** A person as the API shows them (`UserBriefOut`). */
export type UserBrief = Schemas["UserBriefOut"];

/** `my_role` is null in event payloads: each client knows its own role. */
export type Project = Refine<Schemas["ProjectOut"], { my_role: Role | null }>;

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

export type PagedList<T> = Page<T>;

export type Member = Schemas["MemberOut"];

export type InvitationState = Schemas["InvitationStateEnum"];

export type Invitation = Refine<Schemas["InvitationOut"], { inviter: UserBrief | null }>;

export type InvitationPreview = Refine<
  Schemas["InvitationPreviewOut"],
  { project: { id: string; name: string } }
>;

export type Phase = Schemas["PhaseOut"];

export interface PhaseInput {
  name?: string;
  start?: string;
  end?: string;
}

export type Activity = Refine<Schemas["ActivityOut"], { data: Record<string, unknown> }>;

export interface PresenceUser {
  id: string;
  display_name: string;
}

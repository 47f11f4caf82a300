import type { Role } from "./types";

/**
 * The role table of DESIGN §3, mirrored from apps/projects/permissions.py so
 * the UI can disable what the server would refuse (the server still decides).
 */
export type ProjectAction = "read" | "comment" | "upload" | "resolve" | "manage" | "delete";

const ROLE_ACTIONS: Record<Role, readonly ProjectAction[]> = {
  owner: ["read", "comment", "upload", "resolve", "manage", "delete"],
  manager: ["read", "comment", "upload", "resolve", "manage"],
  editor: ["read", "comment", "upload", "resolve"],
  reviewer: ["read", "comment", "resolve"],
  viewer: ["read"],
};

export const ROLE_RANK: Record<Role, number> = { viewer: 1, reviewer: 2, editor: 3, manager: 4, owner: 5 };

export function roleAllows(role: Role | null | undefined, action: ProjectAction): boolean {
  return role != null && ROLE_ACTIONS[role].includes(action);
}

/** Whether `actor` may move someone from `current` to `next` (null = not a member / removed). */
export function canAssign(actor: Role | null | undefined, current: Role | null, next: Role | null): boolean {
  if (!roleAllows(actor, "manage") || actor == null) return false;
  const rank = ROLE_RANK[actor];
  return [current, next].every((role) => role === null || ROLE_RANK[role] <= rank);
}

/** Why a control is disabled, as a message key under `projects.reasons`; null when allowed. */
export type DenyReason = "needsManager" | "needsOwner" | "aboveYourRole" | "lastOwner" | "ownerOnlyTransfer";

export function manageReason(actor: Role | null | undefined): DenyReason | null {
  return roleAllows(actor, "manage") ? null : "needsManager";
}

/** Reason the actor cannot change or remove `target`'s membership. */
export function memberChangeReason(
  actor: Role | null | undefined,
  target: Role,
  { ownerCount, isSelf }: { ownerCount: number; isSelf: boolean },
): DenyReason | null {
  if (!roleAllows(actor, "manage")) return "needsManager";
  if (!canAssign(actor, target, null)) return "aboveYourRole";
  if (target === "owner" && ownerCount <= 1 && (isSelf || actor === "owner")) return "lastOwner";
  return null;
}

/** Roles the actor may give (invite with, or change someone to). */
export function assignableRoles(actor: Role | null | undefined): Role[] {
  return (["owner", "manager", "editor", "reviewer", "viewer"] as const).filter((role) => canAssign(actor, null, role));
}

/** Whether the actor may leave: anyone but the last owner. */
export function leaveReason(self: Role | null | undefined, ownerCount: number): DenyReason | null {
  return self === "owner" && ownerCount <= 1 ? "lastOwner" : null;
}

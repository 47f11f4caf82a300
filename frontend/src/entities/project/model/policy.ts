import { roleAllows, ROLE_RANK, roleEnumValues } from "@/shared/api";

import type { Role } from "./types";

/** The role table itself is generated from the server's (shared/api/roles.gen.ts). */
export { roleAllows, type ProjectAction } from "@/shared/api";

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
  return roleEnumValues.filter((role) => canAssign(actor, null, role));
}

/** Whether the actor may leave: anyone but the last owner. */
export function leaveReason(self: Role | null | undefined, ownerCount: number): DenyReason | null {
  return self === "owner" && ownerCount <= 1 ? "lastOwner" : null;
}

import { describe, expect, it } from "vitest";

import { assignableRoles, canAssign, leaveReason, manageReason, memberChangeReason, roleAllows } from "./policy";
import { ROLES } from "./types";

describe("project role policy (mirrors apps/projects/permissions.py)", () => {
  it.each([
    ["owner", ["read", "comment", "upload", "resolve", "manage", "delete"]],
    ["manager", ["read", "comment", "upload", "resolve", "manage"]],
    ["editor", ["read", "comment", "upload", "resolve"]],
    ["reviewer", ["read", "comment", "resolve"]],
    ["viewer", ["read"]],
  ] as const)("%s may do exactly %j", (role, actions) => {
    const all = ["read", "comment", "upload", "resolve", "manage", "delete"] as const;
    expect(all.filter((action) => roleAllows(role, action))).toEqual(actions);
  });

  it("a non-member may do nothing", () => {
    expect(roleAllows(null, "read")).toBe(false);
    expect(manageReason(null)).toBe("needsManager");
  });

  it("a manager grants at most manager and never touches an owner", () => {
    expect(assignableRoles("manager")).toEqual(["manager", "editor", "reviewer", "viewer"]);
    expect(canAssign("manager", "editor", "owner")).toBe(false);
    expect(canAssign("manager", "owner", "viewer")).toBe(false);
    expect(canAssign("manager", "viewer", "manager")).toBe(true);
    expect(assignableRoles("owner")).toEqual([...ROLES]);
  });

  it("editors, reviewers and viewers cannot assign anything", () => {
    for (const role of ["editor", "reviewer", "viewer"] as const) {
      expect(assignableRoles(role)).toEqual([]);
      expect(manageReason(role)).toBe("needsManager");
    }
  });

  it("explains why a member cannot be changed", () => {
    expect(memberChangeReason("editor", "viewer", { ownerCount: 1, isSelf: false })).toBe("needsManager");
    expect(memberChangeReason("manager", "owner", { ownerCount: 2, isSelf: false })).toBe("aboveYourRole");
    expect(memberChangeReason("owner", "owner", { ownerCount: 1, isSelf: true })).toBe("lastOwner");
    expect(memberChangeReason("owner", "owner", { ownerCount: 2, isSelf: true })).toBeNull();
    expect(memberChangeReason("manager", "editor", { ownerCount: 1, isSelf: false })).toBeNull();
  });

  it("the last owner cannot leave", () => {
    expect(leaveReason("owner", 1)).toBe("lastOwner");
    expect(leaveReason("owner", 2)).toBeNull();
    expect(leaveReason("viewer", 1)).toBeNull();
  });
});

import { screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";

import type { Activity, Member } from "@/entities/project";
import { setTokens } from "@/shared/api";
import { createFetchStub, renderWithProviders } from "@/shared/lib/test";

import { ProjectActivity } from "./project-activity";

const jimin = { id: "u1", email: "jimin@example.com", display_name: "한지민", avatar: null };
const alex = { id: "u2", email: "alex@example.com", display_name: "Alex Kim", avatar: null };
const members: Member[] = [
  { user: jimin, role: "owner", joined_at: "2026-03-01T09:00:00Z" },
  { user: alex, role: "viewer", joined_at: "2026-03-02T09:00:00Z" },
];

function row(id: string, verb: string, data: Record<string, unknown>, targetId = "x", actor = jimin): Activity {
  return { id, actor, verb, target_type: "user", target_id: targetId, data, created_at: "2026-03-03T09:00:00Z" };
}

describe("ProjectActivity", () => {
  it("reads each change as a sentence, naming people where it can", async () => {
    setTokens({ access: "A", refresh: "R" });
    const results = [
      row("a1", "project.updated", { changes: { status: { before: "planning", after: "production" } } }),
      row("a2", "member.role_changed", { role: { before: "editor", after: "viewer" } }, alex.id),
      row("a3", "member.left", { role: "editor", self: false }, "gone-user"),
      row("a4", "member.joined", { role: "editor", via: "invitation" }, alex.id, alex),
      row("a5", "phase.updated", { name: "촬영", changes: {} }, "ph1"),
      row("a6", "invitation.created", { email: "new@example.com", role: "viewer" }),
    ];
    vi.stubGlobal(
      "fetch",
      createFetchStub(({ path }) =>
        path.endsWith("/members/")
          ? { status: 200, body: members }
          : { status: 200, body: { next: null, previous: null, results } },
      ).fetch,
    );
    renderWithProviders(<ProjectActivity projectId="p1" />);
    const items = await screen.findAllByTestId("activity-item");
    expect(items.map((item) => item.querySelector("p")?.textContent)).toEqual([
      "한지민님이 상태를 기획 → 촬영(으)로 바꿨습니다",
      "한지민님이 Alex Kim님의 역할을 뷰어(으)로 바꿨습니다",
      "한지민님이 멤버 한 명을 제외했습니다",
      "Alex Kim님이 편집자(으)로 참여했습니다",
      "한지민님이 ‘촬영’ 단계를 수정했습니다",
      "한지민님이 new@example.com님을 초대했습니다",
    ]);
  });

  it("gives the system and guests their own avatar, never a question mark", async () => {
    setTokens({ access: "A", refresh: "R" });
    const results: Activity[] = [
      { ...row("s1", "version.ready", { number: 1 }), actor: null },
      { ...row("g1", "feedback.created", { guest_name: "Client Lee" }), actor: null },
      row("m1", "feedback.created", {}),
    ];
    vi.stubGlobal(
      "fetch",
      createFetchStub(({ path }) =>
        path.endsWith("/members/") ? { status: 200, body: members } : { status: 200, body: { next: null, previous: null, results } },
      ).fetch,
    );
    renderWithProviders(<ProjectActivity projectId="p1" />);
    const actors = await screen.findAllByTestId("activity-actor");

    expect(actors.map((actor) => actor.dataset.actor)).toEqual(["system", "guest", "user"]);
    expect(actors[0]!.querySelector("svg")).not.toBeNull();
    expect(actors[0]!.querySelector("[data-initials]")).toBeNull();
    expect(actors[1]!.querySelector("[data-initials]")).toHaveAttribute("data-initials", "CL");
    expect(actors[2]!.querySelector("[data-initials]")).toHaveAttribute("data-initials", "한");
    expect(document.querySelector('[data-initials="?"]')).toBeNull();
  });
});

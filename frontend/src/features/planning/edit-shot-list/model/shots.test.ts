import { describe, expect, it } from "vitest";

import type { PlanResult, Shot } from "@/entities/plan";

import { applyDraft, draftOf, nextSort, sortShots, validateDraft } from "./shots";

function shot(number: number, overrides: Partial<Shot> = {}): Shot {
  return {
    number,
    scene: 1,
    shot_size: "medium",
    camera_movement: "static",
    description: `샷 ${number}`,
    audio: "",
    duration_seconds: 3,
    location: "",
    props: [],
    ...overrides,
  };
}

const SHOTS = [
  shot(1, { scene: 2, shot_size: "close_up", duration_seconds: 4, location: "카페" }),
  shot(2, { scene: 1, shot_size: "wide", duration_seconds: 2.5, location: "공원" }),
  shot(3, { scene: 1, shot_size: "extreme_wide", duration_seconds: 4, location: "거리" }),
];

describe("sortShots", () => {
  it("sorts numbers numerically, keeping shot order on ties", () => {
    expect(sortShots(SHOTS, { key: "duration_seconds", direction: "ascending" }).map((s) => s.number)).toEqual([2, 1, 3]);
    expect(sortShots(SHOTS, { key: "duration_seconds", direction: "descending" }).map((s) => s.number)).toEqual([1, 3, 2]);
    expect(sortShots(SHOTS, { key: "scene", direction: "ascending" }).map((s) => s.number)).toEqual([2, 3, 1]);
  });

  it("sorts shot sizes from wide to close, not alphabetically", () => {
    expect(sortShots(SHOTS, { key: "shot_size", direction: "ascending" }).map((s) => s.shot_size)).toEqual([
      "extreme_wide",
      "wide",
      "close_up",
    ]);
  });

  it("sorts text with a Korean-aware collation and never mutates its input", () => {
    const copy = [...SHOTS];
    expect(sortShots(SHOTS, { key: "location", direction: "ascending" }).map((s) => s.location)).toEqual(["거리", "공원", "카페"]);
    expect(SHOTS).toEqual(copy);
  });

  it("flips the direction on the same column and starts ascending on a new one", () => {
    expect(nextSort({ key: "number", direction: "ascending" }, "number")).toEqual({ key: "number", direction: "descending" });
    expect(nextSort({ key: "number", direction: "descending" }, "scene")).toEqual({ key: "scene", direction: "ascending" });
  });
});

describe("shot drafts", () => {
  const result = { shots: SHOTS } as PlanResult;

  it("replaces only the edited shot, with typed values", () => {
    const draft = { ...draftOf(SHOTS[1]!), description: "  새 설명 ", duration_seconds: "3,5", props: "우산, , 커피 " };
    const next = applyDraft(result, 2, draft);
    expect(next.shots[1]).toEqual({ ...SHOTS[1], description: "새 설명", duration_seconds: 3.5, props: ["우산", "커피"] });
    expect(next.shots[0]).toBe(SHOTS[0]);
    expect(result.shots[1]?.description).toBe("샷 2");
  });

  it("checks the schema's rules before saving", () => {
    const draft = draftOf(SHOTS[0]!);
    expect(validateDraft(draft)).toEqual({});
    expect(validateDraft({ ...draft, description: " " })).toEqual({ description: "descriptionRequired" });
    expect(validateDraft({ ...draft, duration_seconds: "0" })).toEqual({ duration_seconds: "durationInvalid" });
    expect(validateDraft({ ...draft, duration_seconds: "abc" })).toEqual({ duration_seconds: "durationInvalid" });
    expect(validateDraft({ ...draft, location: "x".repeat(301) })).toEqual({ location: "tooLong" });
  });
});

import { describe, expect, it } from "vitest";

import type { Brief, PlanSummary } from "@/entities/plan";

import { linkablePlans } from "./link-plan-api";

const brief = (id: string, title: string) => ({ id, title }) as Brief;
const plan = (id: string, status: PlanSummary["status"], created_at: string) => ({ id, status, created_at }) as PlanSummary;

describe("linkablePlans", () => {
  it("offers the finished plans only, newest first, titled by their brief", () => {
    const briefs = [brief("b1", "브랜드 필름"), brief("b2", "티저")];
    const plans = [
      [plan("p1", "succeeded", "2026-11-01T00:00:00Z"), plan("p2", "failed", "2026-11-05T00:00:00Z")],
      [plan("p3", "succeeded", "2026-11-03T00:00:00Z"), plan("p4", "running", "2026-11-04T00:00:00Z")],
    ];
    expect(linkablePlans(briefs, plans)).toEqual([
      { id: "p3", title: "티저", createdAt: "2026-11-03T00:00:00Z" },
      { id: "p1", title: "브랜드 필름", createdAt: "2026-11-01T00:00:00Z" },
    ]);
    expect(linkablePlans([], [])).toEqual([]);
  });
});

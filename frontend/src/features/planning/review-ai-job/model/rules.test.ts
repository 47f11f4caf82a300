import { describe, expect, it } from "vitest";

import type { JobStatus } from "@/entities/ai-job";

import type { Role } from "@/entities/project";

import { jobActionRules } from "./rules";

const job = (status: JobStatus, plan: string | null = "plan-1") => ({ status, plan });

describe("jobActionRules", () => {
  it.each<[Role, boolean]>([
    ["owner", true],
    ["manager", true],
    ["editor", false],
    ["reviewer", false],
    ["viewer", false],
  ])("a job awaiting approval: %s may decide → %s", (role, allowed) => {
    const rules = jobActionRules(job("awaiting_approval"), role);
    expect(rules.showDecision).toBe(true);
    expect(rules.decisionReason).toBe(allowed ? null : "needsManager");
    expect(rules.showRetry).toBe(false);
  });

  it.each<JobStatus>(["queued", "running", "succeeded", "failed", "needs_attention", "rejected"])(
    "no approve/reject for a %s job",
    (status) => {
      expect(jobActionRules(job(status), "owner")).toMatchObject({ showDecision: false, decisionReason: "notAwaiting" });
    },
  );

  it.each<[Role, string | null]>([
    ["owner", null],
    ["manager", null],
    ["editor", null],
    ["reviewer", "needsEditor"],
    ["viewer", "needsEditor"],
  ])("a job that needs attention: %s retry reason %s", (role, reason) => {
    const rules = jobActionRules(job("needs_attention"), role);
    expect(rules.showRetry).toBe(true);
    expect(rules.retryReason).toBe(reason);
  });

  it("offers retry for failed jobs too, but not when the plan is gone", () => {
    expect(jobActionRules(job("failed"), "editor")).toMatchObject({ showRetry: true, retryReason: null });
    expect(jobActionRules(job("failed", null), "editor")).toMatchObject({ showRetry: true, retryReason: "orphaned" });
  });

  it("treats a missing role (not loaded, not a member) as no rights", () => {
    expect(jobActionRules(job("awaiting_approval"), null).decisionReason).toBe("needsManager");
    expect(jobActionRules(job("needs_attention"), undefined).retryReason).toBe("needsEditor");
  });
});

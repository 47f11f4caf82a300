import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import type { AIJob } from "@/entities/ai-job";
import type { Role } from "@/entities/project";
import { createFetchStub, envelope, renderWithProviders, type StubHandler } from "@/shared/lib/test";

import { JobActions } from "./job-actions";

const JOB: AIJob = {
  id: "job-1",
  project: "p1",
  kind: "plan",
  status: "awaiting_approval",
  priority: "normal",
  risk: "high",
  risk_reasons: ["estimated $0.02 is over the approval threshold $0.00"],
  risk_factors: [{ code: "over_threshold", estimated_usd: "0.02", threshold_usd: "0.00" }],
  model: "gpt-4o-mini",
  plan: "plan-1",
  params: {},
  estimated_tokens: 12000,
  estimated_cost_usd: "0.020000",
  tokens: 0,
  cost_usd: "0.000000",
  attempts: 0,
  max_attempts: 3,
  created_by: null,
  approved_by: null,
  approved_at: null,
  rejected_by: null,
  rejected_at: null,
  error_code: "",
  error: "",
  started_at: null,
  finished_at: null,
  created_at: "2026-11-23T00:00:00Z",
  updated_at: "2026-11-23T00:00:00Z",
};

function setup(job: AIJob, role: Role, handler: StubHandler = () => ({ status: 200, body: job })) {
  const stub = createFetchStub(handler);
  vi.stubGlobal("fetch", stub.fetch);
  renderWithProviders(<JobActions job={job} role={role} label="기획안" />);
  return { stub, user: userEvent.setup() };
}

describe("JobActions", () => {
  it("lets a manager approve a job that awaits approval", async () => {
    const { stub, user } = setup(JOB, "manager", () => ({ status: 200, body: { ...JOB, status: "queued" } }));
    await user.click(screen.getByRole("button", { name: "승인: 기획안" }));
    await vi.waitFor(() => expect(stub.requests).toHaveLength(1));
    expect(stub.requests[0]).toMatchObject({ method: "POST", path: "/api/v1/ai-jobs/job-1/approve/" });
  });

  it("lets an owner reject", async () => {
    const { stub, user } = setup(JOB, "owner", () => ({ status: 200, body: { ...JOB, status: "rejected" } }));
    await user.click(screen.getByRole("button", { name: "거절: 기획안" }));
    await vi.waitFor(() => expect(stub.requests[0]).toMatchObject({ path: "/api/v1/ai-jobs/job-1/reject/" }));
  });

  it("disables approve and reject for an editor and says why", () => {
    setup(JOB, "editor");
    const approve = screen.getByRole("button", { name: "승인: 기획안" });
    expect(approve).toBeDisabled();
    expect(screen.getByRole("button", { name: "거절: 기획안" })).toBeDisabled();
    expect(approve).toHaveAccessibleDescription("소유자나 매니저만 승인할 수 있습니다.");
  });

  it("offers retry for a job that needs attention", async () => {
    const job = { ...JOB, status: "needs_attention" as const, error: "AI server down" };
    const { stub, user } = setup(job, "editor", () => ({ status: 202, body: { ...job, status: "queued" } }));
    expect(screen.queryByRole("button", { name: "승인: 기획안" })).toBeNull();
    await user.click(screen.getByRole("button", { name: "다시 시도: 기획안" }));
    await vi.waitFor(() => expect(stub.requests[0]).toMatchObject({ path: "/api/v1/ai-jobs/job-1/retry/" }));
  });

  it("shows nothing for a finished job", () => {
    setup({ ...JOB, status: "succeeded" }, "owner");
    expect(screen.queryAllByRole("button")).toHaveLength(0);
  });

  it("keeps working after the server refuses (e.g. already decided)", async () => {
    const { user } = setup(JOB, "owner", () => ({ status: 409, body: envelope("job_state_conflict", "Already approved.") }));
    await user.click(screen.getByRole("button", { name: "승인: 기획안" }));
    await vi.waitFor(() => expect(screen.getByRole("button", { name: "승인: 기획안" })).toBeEnabled());
  });
});

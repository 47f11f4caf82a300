import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import type { Brief, PlanSummary } from "@/entities/plan";
import { createFetchStub, envelope, renderWithProviders, type StubHandler } from "@/shared/lib/test";

import { BriefCard } from "./brief-card";

vi.mock("next/navigation", () => ({ useRouter: () => ({ push: vi.fn() }) }));

const BRIEF: Brief = {
  id: "b1",
  project: "p1",
  title: "봄 티저",
  description: "설명",
  video_type: "광고",
  target_duration_seconds: 95,
  audience: "20대",
  tone: "",
  platform: "YouTube",
  language: "ko",
  created_by: null,
  created_at: "2026-11-01T00:00:00Z",
  updated_at: "2026-11-01T00:00:00Z",
};

const PLAN: PlanSummary = {
  id: "plan-1",
  brief: "b1",
  project: "p1",
  status: "running",
  model: "m",
  revision: 0,
  progress_step: "scenes",
  progress_percent: 30,
  busy: false,
  error: "",
  created_at: "2026-11-02T00:00:00Z",
  updated_at: "2026-11-02T00:00:00Z",
};

function setup(handler: StubHandler, editDisabledReason: string | null = null) {
  const stub = createFetchStub(handler);
  vi.stubGlobal("fetch", stub.fetch);
  const onEdit = vi.fn();
  renderWithProviders(
    <BriefCard brief={BRIEF} projectId="p1" editDisabledReason={editDisabledReason} generateDisabledReason={null} onEdit={onEdit} />,
  );
  return { stub, onEdit, user: userEvent.setup() };
}

const plans: StubHandler = ({ method, path }) =>
  method === "GET" && path === "/api/v1/briefs/b1/plans/"
    ? { status: 200, body: { count: 1, next: null, previous: null, results: [PLAN] } }
    : { status: 204 };

describe("BriefCard", () => {
  it("shows the brief's facts and its plans with live progress", async () => {
    setup(plans);
    expect(screen.getByText("광고 · 1:35 · YouTube · 한국어")).toBeInTheDocument();
    expect(await screen.findByRole("link", { name: /기획안/ })).toHaveAttribute("href", "/plans/plan-1");
    expect(screen.getByText("30%")).toBeInTheDocument();
    expect(screen.getByText("생성 중")).toBeInTheDocument();
  });

  it("deletes only after a second, explicit confirmation", async () => {
    const { stub, user } = setup(plans);
    await user.click(screen.getByRole("button", { name: "봄 티저 브리프 삭제" }));
    expect(stub.requests.filter((request) => request.method === "DELETE")).toHaveLength(0);
    await user.click(screen.getByRole("button", { name: "삭제 확인" }));
    await vi.waitFor(() =>
      expect(stub.requests.find((request) => request.method === "DELETE")).toMatchObject({ path: "/api/v1/briefs/b1/" }),
    );
  });

  it("says why a brief with a plan in progress cannot be deleted", async () => {
    const { user } = setup((request) =>
      request.method === "DELETE"
        ? { status: 409, body: envelope("plan_busy", "A plan of this brief is being generated.") }
        : plans(request),
    );
    await user.click(screen.getByRole("button", { name: "봄 티저 브리프 삭제" }));
    await user.click(screen.getByRole("button", { name: "삭제 확인" }));
    // Outside a toast provider the message is not shown, but the card returns to its normal state.
    await vi.waitFor(() => expect(screen.getByRole("button", { name: "봄 티저 브리프 삭제" })).toBeEnabled());
  });

  it("hands the brief to the form for editing", async () => {
    const { onEdit, user } = setup(plans);
    await user.click(screen.getByRole("button", { name: "봄 티저 브리프 수정" }));
    expect(onEdit).toHaveBeenCalledWith(BRIEF);
  });

  it("disables edit, delete and generate with the reason", () => {
    setup(plans, "편집자 이상만 할 수 있습니다.");
    expect(screen.getByRole("button", { name: "봄 티저 브리프 수정" })).toBeDisabled();
    expect(screen.getByRole("button", { name: "봄 티저 브리프 삭제" })).toBeDisabled();
    expect(screen.getByRole("button", { name: "봄 티저 기획안 생성" })).toBeDisabled();
    expect(screen.getByText("편집자 이상만 할 수 있습니다.")).toBeInTheDocument();
  });
});

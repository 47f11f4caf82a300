import { screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";

import type { Plan, PlanResult } from "@/entities/plan";
import { createFetchStub, renderWithProviders } from "@/shared/lib/test";

import { PlanDocument } from "./plan-document";

const RESULT: PlanResult = {
  logline: "로그라인",
  synopsis: "시놉시스",
  sections: [{ title: "도입", purpose: "후킹", duration_seconds: 10 }],
  scenes: [],
  shots: [],
  storyboard: [],
  schedule: [],
};

const PLAN: Plan & { result: PlanResult } = {
  id: "plan-1",
  brief: "b1",
  project: "p1",
  status: "succeeded",
  model: "m",
  revision: 1,
  progress_step: "done",
  progress_percent: 100,
  busy: false,
  error: "",
  created_at: "2026-11-23T00:00:00Z",
  updated_at: "2026-11-23T00:00:00Z",
  result: RESULT,
};

describe("PlanDocument", () => {
  it("disables every 'regenerate' with the reason when AI is off, like 'generate' (no request, no 503 toast)", () => {
    const stub = createFetchStub(() => ({ status: 503, body: {} }));
    vi.stubGlobal("fetch", stub.fetch);
    renderWithProviders(
      <PlanDocument plan={PLAN} editDisabledReason={null} regenerateDisabledReason="이 서버에는 AI가 설정되어 있지 않습니다." />,
    );
    const buttons = screen.getAllByRole("button", { name: /다시 생성$/ });
    expect(buttons.length).toBeGreaterThan(1);
    for (const button of buttons) {
      expect(button).toBeDisabled();
      expect(button).toHaveAttribute("title", "이 서버에는 AI가 설정되어 있지 않습니다.");
    }
    expect(stub.requests.filter((request) => request.path.includes("regenerate"))).toHaveLength(0);
  });

  it("leaves 'regenerate' enabled when AI is configured and the user may edit", () => {
    vi.stubGlobal("fetch", createFetchStub(() => ({ status: 200, body: {} })).fetch);
    renderWithProviders(<PlanDocument plan={PLAN} editDisabledReason={null} regenerateDisabledReason={null} />);
    for (const button of screen.getAllByRole("button", { name: /다시 생성$/ })) expect(button).toBeEnabled();
  });
});

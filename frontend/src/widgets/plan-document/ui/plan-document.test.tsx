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

describe("PlanDocument review comments per shot", () => {
  const shot = {
    number: 2,
    scene: 1,
    shot_size: "close_up" as const,
    camera_movement: "handheld" as const,
    description: "케이스를 여는 손",
    audio: "",
    duration_seconds: 7,
    location: "",
    props: [],
  };
  const row = {
    shot_id: "s2",
    number: 2,
    open: 1,
    resolved: 2,
    asset_id: "a1",
    asset_title: "본편",
    version_id: "v3",
    version_number: 3,
    start_frame: 30,
    end_frame: 60,
  };

  it("shows each shot's open and resolved comments on the linked cut and opens the review room at the shot", async () => {
    vi.stubGlobal("fetch", createFetchStub((request) => ({ status: 200, body: request.path.endsWith("/shot-feedback/") ? [row] : {} })).fetch);
    renderWithProviders(<PlanDocument plan={{ ...PLAN, result: { ...RESULT, shots: [shot] } }} editDisabledReason={null} />);
    expect(await screen.findByText("미해결 1 · 해결 2")).toBeInTheDocument();
    expect(screen.getByRole("columnheader", { name: "리뷰 코멘트" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "본편 v3 리뷰 룸에서 샷 2 열기" })).toHaveAttribute("href", "/assets/a1?version=v3&frame=30");
    expect(screen.getByText(/연결된 영상: 본편 \(v3\)/)).toBeInTheDocument();
  });

  it("says how to link a cut when none is", async () => {
    vi.stubGlobal("fetch", createFetchStub((request) => ({ status: 200, body: request.path.endsWith("/shot-feedback/") ? [] : {} })).fetch);
    renderWithProviders(<PlanDocument plan={{ ...PLAN, result: { ...RESULT, shots: [shot] } }} editDisabledReason={null} />);
    expect(await screen.findByText(/이 기획안에 연결된 영상이 아직 없습니다/)).toBeInTheDocument();
    expect(screen.queryByRole("columnheader", { name: "리뷰 코멘트" })).toBeNull();
  });
});

import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import type { Brief } from "@/entities/plan";
import { createFetchStub, envelope, renderWithProviders, type StubHandler } from "@/shared/lib/test";

import { BriefForm } from "./brief-form";

const BRIEF: Brief = {
  id: "b1",
  project: "p1",
  title: "봄 런칭 티저",
  description: "신제품 첫 공개",
  video_type: "광고",
  target_duration_seconds: 30,
  audience: "",
  tone: "",
  platform: "YouTube",
  language: "ko",
  created_by: null,
  created_at: "2026-11-01T00:00:00Z",
  updated_at: "2026-11-01T00:00:00Z",
};

function setup(handler: StubHandler, brief?: Brief) {
  const stub = createFetchStub(handler);
  vi.stubGlobal("fetch", stub.fetch);
  const onSaved = vi.fn();
  renderWithProviders(<BriefForm projectId="p1" brief={brief} onSaved={onSaved} />);
  return { stub, onSaved, user: userEvent.setup() };
}

describe("BriefForm", () => {
  it("shows an error under each invalid field, focuses the first and sends nothing", async () => {
    const { stub, user } = setup(() => ({ status: 201, body: BRIEF }));
    await user.clear(screen.getByLabelText("목표 길이(초)"));
    await user.type(screen.getByLabelText("목표 길이(초)"), "0");
    await user.click(screen.getByRole("button", { name: "브리프 만들기" }));

    expect(screen.getByLabelText("제목")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText("제목")).toHaveFocus();
    expect(screen.getByLabelText("설명")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText("영상 유형")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getAllByText("필수 항목입니다.")).toHaveLength(3);
    expect(screen.getByText("5초에서 3:00:00 사이로 입력하세요.")).toBeInTheDocument();
    expect(stub.requests).toHaveLength(0);

    // Errors clear while typing once the user has tried to submit.
    await user.type(screen.getByLabelText("제목"), "티저");
    expect(screen.getByLabelText("제목")).not.toHaveAttribute("aria-invalid");
  });

  it("creates a brief with every field", async () => {
    const { stub, user, onSaved } = setup(() => ({ status: 201, body: BRIEF }));
    await user.type(screen.getByLabelText("제목"), "봄 런칭 티저");
    await user.type(screen.getByLabelText("설명"), "신제품 첫 공개");
    await user.type(screen.getByLabelText("영상 유형"), "광고");
    await user.clear(screen.getByLabelText("목표 길이(초)"));
    await user.type(screen.getByLabelText("목표 길이(초)"), "45");
    await user.type(screen.getByLabelText("대상 시청자"), "20대");
    await user.type(screen.getByLabelText("톤 앤 매너"), "경쾌하게");
    await user.type(screen.getByLabelText("플랫폼"), "YouTube");
    await user.selectOptions(screen.getByLabelText("기획안 언어"), "en");
    await user.click(screen.getByRole("button", { name: "브리프 만들기" }));

    await vi.waitFor(() => expect(onSaved).toHaveBeenCalledWith(BRIEF));
    expect(stub.requests[0]).toMatchObject({
      method: "POST",
      path: "/api/v1/projects/p1/briefs/",
      body: {
        title: "봄 런칭 티저",
        description: "신제품 첫 공개",
        video_type: "광고",
        target_duration_seconds: 45,
        audience: "20대",
        tone: "경쾌하게",
        platform: "YouTube",
        language: "en",
      },
    });
  });

  it("puts the server's validation messages next to their fields", async () => {
    const { user } = setup(() => ({
      status: 400,
      body: envelope("validation_error", "Invalid input.", {
        target_duration_seconds: ["Ensure this value is less than or equal to 10800."],
        non_field_errors: ["Something else."],
      }),
    }), BRIEF);
    await user.click(screen.getByRole("button", { name: "변경 내용 저장" }));

    expect(await screen.findByText("Ensure this value is less than or equal to 10800.")).toBeInTheDocument();
    expect(screen.getByLabelText("목표 길이(초)")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText("목표 길이(초)")).toHaveFocus();
    expect(screen.getByRole("alert")).toHaveTextContent("Something else.");
  });

  it("edits with PATCH to the brief", async () => {
    const { stub, user, onSaved } = setup(() => ({ status: 200, body: { ...BRIEF, title: "새 제목" } }), BRIEF);
    await user.clear(screen.getByLabelText("제목"));
    await user.type(screen.getByLabelText("제목"), "새 제목");
    await user.click(screen.getByRole("button", { name: "변경 내용 저장" }));
    await vi.waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(stub.requests[0]).toMatchObject({ method: "PATCH", path: "/api/v1/briefs/b1/", body: { title: "새 제목" } });
  });
});

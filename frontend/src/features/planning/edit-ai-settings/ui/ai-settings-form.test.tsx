import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import type { AISettings } from "@/entities/ai-job";
import { createFetchStub, envelope, renderWithProviders, type StubHandler } from "@/shared/lib/test";

import { AISettingsForm } from "./ai-settings-form";

const SETTINGS: AISettings = {
  monthly_budget_usd: "20.000000",
  approval_threshold_usd: "0.500000",
  model: "",
  effective_model: "gpt-4o-mini",
  ai_configured: true,
  image_search_provider: null,
  updated_at: "2026-11-23T00:00:00Z",
};

function setup(handler: StubHandler, disabledReason: string | null = null) {
  const stub = createFetchStub(handler);
  vi.stubGlobal("fetch", stub.fetch);
  renderWithProviders(<AISettingsForm projectId="p1" settings={SETTINGS} disabledReason={disabledReason} />);
  return { stub, user: userEvent.setup() };
}

describe("AISettingsForm", () => {
  it("shows the current values and saves budget, threshold and model", async () => {
    const { stub, user } = setup(({ body }) => ({ status: 200, body: { ...SETTINGS, ...(body as object) } }));
    expect(screen.getByLabelText("월 예산 (USD)")).toHaveValue("20.00");
    expect(screen.getByLabelText("승인 기준 (USD)")).toHaveValue("0.50");
    await user.clear(screen.getByLabelText("승인 기준 (USD)"));
    await user.type(screen.getByLabelText("승인 기준 (USD)"), "0");
    await user.type(screen.getByLabelText("모델"), "llama3.1");
    await user.click(screen.getByRole("button", { name: "설정 저장" }));
    expect(await screen.findByText("AI 설정을 저장했습니다.")).toBeInTheDocument();
    expect(stub.requests[0]).toMatchObject({
      method: "PATCH",
      path: "/api/v1/projects/p1/ai-settings/",
      body: { monthly_budget_usd: "20.00", approval_threshold_usd: "0", model: "llama3.1" },
    });
  });

  it("checks amounts before sending", async () => {
    const { stub, user } = setup(() => ({ status: 200, body: SETTINGS }));
    await user.clear(screen.getByLabelText("월 예산 (USD)"));
    await user.type(screen.getByLabelText("월 예산 (USD)"), "0");
    await user.clear(screen.getByLabelText("승인 기준 (USD)"));
    await user.type(screen.getByLabelText("승인 기준 (USD)"), "1.234");
    await user.click(screen.getByRole("button", { name: "설정 저장" }));
    expect(screen.getByText("예산은 0.01 이상이어야 합니다.")).toBeInTheDocument();
    expect(screen.getByText("0.01 단위의 금액으로 입력하세요 (예: 20 또는 0.50).")).toBeInTheDocument();
    expect(screen.getByLabelText("월 예산 (USD)")).toHaveFocus();
    expect(stub.requests).toHaveLength(0);
  });

  it("shows the server's field errors", async () => {
    const { user } = setup(() => ({
      status: 400,
      body: envelope("validation_error", "Invalid input.", { model: ["Unknown model."] }),
    }));
    await user.click(screen.getByRole("button", { name: "설정 저장" }));
    expect(await screen.findByText("Unknown model.")).toBeInTheDocument();
  });

  it("is read-only with the reason for members who may not change it", () => {
    setup(() => ({ status: 200, body: SETTINGS }), "소유자와 매니저만 AI 설정을 바꿀 수 있습니다.");
    expect(screen.getByLabelText("월 예산 (USD)")).toHaveAttribute("readonly");
    expect(screen.queryByRole("button", { name: "설정 저장" })).toBeNull();
    expect(screen.getByRole("status")).toHaveTextContent("소유자와 매니저만");
  });
});

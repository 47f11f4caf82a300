import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { createFetchStub, envelope, renderWithProviders, type StubResponse } from "@/shared/lib/test";

import { GeneratePlanButton } from "./generate-plan-button";

const push = vi.fn();
vi.mock("next/navigation", () => ({ useRouter: () => ({ push }) }));

function setup(answer: StubResponse) {
  const stub = createFetchStub(() => answer);
  vi.stubGlobal("fetch", stub.fetch);
  renderWithProviders(<GeneratePlanButton briefId="b1" projectId="p1" briefTitle="티저" />);
  return { stub, user: userEvent.setup() };
}

const job = (status: string) => ({
  id: "j1",
  project: "p1",
  plan: "plan-1",
  kind: "plan",
  status,
  risk: status === "awaiting_approval" ? "high" : "low",
  risk_reasons: status === "awaiting_approval" ? ["estimated $0.40 is over the approval threshold $0.10"] : [],
  risk_factors: [],
});

describe("GeneratePlanButton", () => {
  it("asks for a plan and opens its page when the job runs at once", async () => {
    push.mockClear();
    const { stub, user } = setup({ status: 202, body: job("queued") });
    await user.click(screen.getByRole("button", { name: "티저 기획안 생성" }));
    await vi.waitFor(() => expect(push).toHaveBeenCalledWith("/plans/plan-1"));
    expect(stub.requests[0]).toMatchObject({ method: "POST", path: "/api/v1/briefs/b1/plans/" });
  });

  it("says a costly job waits for approval, with the reasons and where to approve", async () => {
    push.mockClear();
    const { user } = setup({ status: 202, body: job("awaiting_approval") });
    await user.click(screen.getByRole("button", { name: "티저 기획안 생성" }));
    expect(await screen.findByText("승인을 기다리는 중입니다")).toBeInTheDocument();
    expect(screen.getByText("estimated $0.40 is over the approval threshold $0.10")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "AI 작업 보기" })).toHaveAttribute("href", "/projects/p1/ai-jobs");
    expect(push).not.toHaveBeenCalled();
  });

  it("explains how to enable AI when the server has no key (503 ai_not_configured)", async () => {
    const { user } = setup({ status: 503, body: envelope("ai_not_configured", "AI planning is not enabled.") });
    await user.click(screen.getByRole("button", { name: "티저 기획안 생성" }));
    const panel = await screen.findByTestId("ai-not-configured");
    expect(panel).toHaveTextContent("OPENAI_API_KEY");
    expect(panel).toHaveTextContent("OPENAI_BASE_URL");
  });

  it("shows the budget refusal with the server's numbers", async () => {
    const { user } = setup({
      status: 402,
      body: envelope("budget_exceeded", "This would exceed the project's monthly AI budget: $19.90 spent of $20.00."),
    });
    await user.click(screen.getByRole("button", { name: "티저 기획안 생성" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("$19.90 spent of $20.00");
  });
});

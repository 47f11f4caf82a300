import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { setTokens } from "@/shared/api";
import { createFetchStub, envelope, renderWithProviders, type StubHandler } from "@/shared/lib/test";

import { RuleForm } from "./rule-form";

const CATALOG = {
  sources: {
    host: { "cpu.percent": "CPU busy %, all cores", "load.1": "load average, 1 min" },
    ai: { "ai.cost.month_to_date": "AI spend this month" },
    analytics: { "analytics.active_sessions": "sessions active in the last 60 s" },
    app: {
      "http.error_rate": "share of HTTP responses that were 5xx over the window, %",
      "celery.queue_depth": "messages waiting in a Celery queue, count",
    },
  },
};

function api(extra?: StubHandler): StubHandler {
  return async (request) => {
    if (request.path.endsWith("/monitoring/metrics/catalog/")) return { status: 200, body: CATALOG };
    if (request.path.endsWith("/monitoring/channels/")) {
      return { status: 200, body: { count: 0, next: null, previous: null, results: [] } };
    }
    if (request.path.endsWith("/monitoring/rules/preview/")) {
      return { status: 200, body: { from: "", to: "", supported: true, hosts: [] } };
    }
    return extra ? extra(request) : { status: 404, body: envelope("not_found") };
  };
}

function renderForm(handler: StubHandler) {
  setTokens({ access: "A", refresh: "R" });
  const stub = createFetchStub(handler);
  vi.stubGlobal("fetch", stub.fetch);
  const onDone = vi.fn();
  renderWithProviders(<RuleForm onDone={onDone} onCancel={vi.fn()} />);
  return { stub, onDone, user: userEvent.setup() };
}

describe("RuleForm", () => {
  it("shows field errors and sends nothing while the rule is invalid", async () => {
    const { user, stub } = renderForm(api());
    await screen.findByRole("option", { name: "cpu.percent" });

    await user.type(screen.getByLabelText("기준값"), "많이");
    await user.clear(screen.getByLabelText("지속 시간(초)"));
    await user.type(screen.getByLabelText("지속 시간(초)"), "-30");
    await user.click(screen.getByRole("button", { name: "규칙 만들기" }));

    expect(screen.getByLabelText("이름", { selector: "input" })).toHaveAccessibleDescription("필수 항목입니다.");
    expect(screen.getByLabelText("기준값")).toHaveAccessibleDescription("숫자를 입력하세요.");
    expect(screen.getByLabelText("지속 시간(초)")).toHaveAttribute("aria-invalid", "true");
    expect(stub.requests.some((request) => request.method === "POST" && request.path.endsWith("/rules/"))).toBe(false);
  });

  it("creates the rule with the typed values and reports it", async () => {
    const created = { id: "r1", name: "CPU high" };
    const { user, stub, onDone } = renderForm(
      api((request) =>
        request.method === "POST" && request.path.endsWith("/monitoring/rules/")
          ? { status: 201, body: created }
          : { status: 404, body: envelope("not_found") },
      ),
    );
    await screen.findByRole("option", { name: "cpu.percent" });

    await user.type(screen.getByLabelText("이름", { selector: "input" }), "CPU high");
    await user.type(screen.getByLabelText("호스트", { selector: "input" }), "web-1, web-2");
    await user.type(screen.getByLabelText("기준값"), "90");
    await user.click(screen.getByRole("button", { name: "규칙 만들기" }));

    await waitFor(() => expect(onDone).toHaveBeenCalledWith(created));
    const post = stub.requests.find((request) => request.method === "POST" && request.path.endsWith("/monitoring/rules/"));
    expect(post?.body).toMatchObject({
      name: "CPU high",
      source: "host",
      metric: "cpu.percent",
      host_selector: { hosts: ["web-1", "web-2"] },
      threshold: 90,
      for_seconds: 0,
    });
  });

  it("targets sites for an analytics rule (the API refuses `hosts` there)", async () => {
    const { user, stub, onDone } = renderForm(
      api((request) =>
        request.method === "POST" && request.path.endsWith("/monitoring/rules/")
          ? { status: 201, body: { id: "r2" } }
          : { status: 404, body: envelope("not_found") },
      ),
    );
    await screen.findByRole("option", { name: "cpu.percent" });

    await user.selectOptions(screen.getByLabelText("소스"), "analytics");
    await user.type(screen.getByLabelText("이름", { selector: "input" }), "Shop busy");
    await user.type(screen.getByLabelText("사이트", { selector: "input" }), "shop");
    await user.type(screen.getByLabelText("기준값"), "50");
    await user.click(screen.getByRole("button", { name: "규칙 만들기" }));

    await waitFor(() => expect(onDone).toHaveBeenCalled());
    const post = stub.requests.find((request) => request.method === "POST" && request.path.endsWith("/monitoring/rules/"));
    expect(post?.body).toMatchObject({
      source: "analytics",
      metric: "analytics.active_sessions",
      host_selector: { sites: ["shop"] },
    });
  });

  it("offers application metrics by their Korean name and unit, watching route groups", async () => {
    const { user, stub, onDone } = renderForm(
      api((request) =>
        request.method === "POST" && request.path.endsWith("/monitoring/rules/")
          ? { status: 201, body: { id: "r3" } }
          : { status: 404, body: envelope("not_found") },
      ),
    );
    await screen.findByRole("option", { name: "cpu.percent" });

    await user.selectOptions(screen.getByLabelText("소스"), "app");
    expect(screen.getByRole("option", { name: "애플리케이션 지표" })).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText("지표"), "http.error_rate");
    expect(screen.getByRole("option", { name: "HTTP 5xx 비율 (%, 경로 그룹별, 최근 구간)" })).toBeInTheDocument();
    expect(screen.queryByLabelText("호스트 이름 패턴")).not.toBeInTheDocument();
    await user.type(screen.getByLabelText("이름", { selector: "input" }), "API errors");
    await user.type(screen.getByLabelText("대상", { selector: "input" }), "projects, auth");
    await user.type(screen.getByLabelText("기준값"), "5");
    await user.click(screen.getByRole("button", { name: "규칙 만들기" }));

    await waitFor(() => expect(onDone).toHaveBeenCalled());
    const post = stub.requests.find((request) => request.method === "POST" && request.path.endsWith("/monitoring/rules/"));
    expect(post?.body).toMatchObject({
      source: "app",
      metric: "http.error_rate",
      threshold: 5,
      host_selector: { targets: ["projects", "auth"] },
    });
  });

  it("shows the server's message on a field it refused", async () => {
    const { user } = renderForm(
      api(() => ({ status: 400, body: envelope("validation_error", "Invalid input.", { metric: ["Unknown metric."] }) })),
    );
    await screen.findByRole("option", { name: "cpu.percent" });
    await user.type(screen.getByLabelText("이름", { selector: "input" }), "x");
    await user.type(screen.getByLabelText("기준값"), "5");
    await user.click(screen.getByRole("button", { name: "규칙 만들기" }));
    expect(await screen.findByText("Unknown metric.")).toBeVisible();
  });
});

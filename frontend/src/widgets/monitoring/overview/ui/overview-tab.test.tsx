import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { initialLiveState, liveReducer, type LiveSample } from "@/entities/monitoring";
import { createFetchStub, renderWithProviders } from "@/shared/lib/test";

import type { MonitoringOverview } from "../api/overview-api";
import { sparkSeries } from "../model/overview";

import { OverviewTab } from "./overview-tab";

const NOW = Date.parse("2026-03-02T12:00:00Z");
const iso = (minutesAgo: number) => new Date(NOW - minutesAgo * 60_000).toISOString();

function overview(overrides: Partial<MonitoringOverview> = {}): MonitoringOverview {
  return {
    at: iso(0),
    window_seconds: 300,
    history_minutes: 30,
    hosts: [
      {
        id: "11111111-1111-1111-1111-111111111111",
        name: "web-1",
        display_name: "",
        status: "up",
        last_seen_at: iso(1),
        cpu_percent: 55.5,
        mem_percent: 40,
        disk_percent: 93,
        history: [
          { ts: iso(20), cpu: 10, mem: 40, disk: 93 },
          { ts: iso(10), cpu: 30, mem: 40, disk: 93 },
          { ts: iso(1), cpu: 55.5, mem: 40, disk: 93 },
        ],
      },
      {
        id: "22222222-2222-2222-2222-222222222222",
        name: "db-1",
        display_name: "",
        status: "down",
        last_seen_at: iso(25),
        cpu_percent: null,
        mem_percent: null,
        disk_percent: null,
        history: [],
      },
    ],
    alerts: {
      firing: { info: 0, warning: 1, critical: 2 },
      firing_total: 3,
      pending: 1,
      top: [
        { id: "a1", rule: "CPU high", target: "web-1", severity: "critical", started_at: iso(5), value: 97 },
      ],
    },
    http: {
      requests: 200,
      errors: 4,
      error_rate: 2,
      p95_ms: 640,
      groups: [
        { group: "projects", requests: 150, errors: 4, error_rate: 2.67, p95_ms: 640 },
        { group: "auth", requests: 50, errors: 0, error_rate: 0, p95_ms: 80 },
      ],
    },
    sockets: { total: 5, endpoints: [{ endpoint: "monitoring", connections: 5 }] },
    queues: [
      { queue: "default", depth: 12, oldest_wait_s: 400 },
      { queue: "ai", depth: 0, oldest_wait_s: 0 },
    ],
    ai_cost: {
      month: "2026-03",
      month_to_date_usd: 12.5,
      forecast_usd: 38.75,
      budget_usd: 30,
      budget_used_percent: 41.67,
      projects: 2,
      projects_over_budget: 1,
    },
    analytics: {
      window_minutes: 60,
      accepted: 1234,
      rejected: 3,
      errors: 2,
      throttled: 1,
      latency_p95_ms: 4.2,
      series: [{ ts: iso(1), accepted: 1234, rejected: 3, errors: 2, throttled: 1, latency_p95_ms: 4.2 }],
    },
    ...overrides,
  };
}

describe("OverviewTab", () => {
  let stub: ReturnType<typeof createFetchStub>;
  let body: MonitoringOverview;

  beforeEach(() => {
    body = overview();
    stub = createFetchStub((request) =>
      request.path === "/api/v1/monitoring/overview/" ? { status: 200, body } : { status: 404, body: {} },
    );
    vi.stubGlobal("fetch", stub.fetch);
  });
  afterEach(() => vi.unstubAllGlobals());

  it("shows every part with units and status colours, and links into the tabs", async () => {
    const onOpen = vi.fn();
    renderWithProviders(<OverviewTab live={initialLiveState} onOpen={onOpen} />, { locale: "en" });

    const alerts = await screen.findByTestId("overview-alerts");
    expect(alerts).toHaveAttribute("data-tone", "bad");
    expect(alerts).toHaveTextContent("3");
    expect(alerts).toHaveTextContent("2 critical · 1 warning · 1 pending");
    expect(screen.getByTestId("overview-hosts-up")).toHaveTextContent("1 / 2");
    expect(screen.getByTestId("overview-hosts-up")).toHaveAttribute("data-tone", "bad");
    expect(screen.getByTestId("overview-error-rate")).toHaveTextContent("2.0%");
    expect(screen.getByTestId("overview-error-rate")).toHaveAttribute("data-tone", "warn");
    expect(screen.getByTestId("overview-p95")).toHaveTextContent("640 ms");
    expect(screen.getByTestId("overview-p95")).toHaveTextContent("slowest route group: projects");
    expect(screen.getByTestId("overview-sockets")).toHaveTextContent("5");
    // System names (route group, socket endpoint, queue) read as identifiers, in code style.
    expect(within(screen.getByTestId("overview-p95")).getByText("projects").tagName).toBe("CODE");
    expect(within(screen.getByTestId("overview-sockets")).getByText("monitoring").tagName).toBe("CODE");
    expect(within(screen.getByTestId("overview-queues")).getByText("default").tagName).toBe("CODE");

    const hosts = screen.getAllByTestId("overview-host");
    expect(hosts).toHaveLength(2);
    expect(within(hosts[0]!).getByText("56%")).toBeInTheDocument();
    expect(within(hosts[0]!).getByText("93%")).toBeInTheDocument(); // the fullest disk
    expect(within(hosts[0]!).getAllByTestId("overview-spark")).toHaveLength(3);
    expect(hosts[1]).toHaveTextContent("down — no recent samples");

    expect(screen.getByTestId("overview-firing")).toHaveTextContent("CPU high");
    const queues = screen.getAllByTestId("overview-queue");
    expect(queues[0]).toHaveTextContent("default12400 s");
    expect(screen.getByTestId("overview-ai")).toHaveTextContent("$12.50");
    expect(screen.getByTestId("overview-ai")).toHaveTextContent("$38.75");
    expect(screen.getByTestId("overview-ai")).toHaveAttribute("data-tone", "bad");
    expect(screen.getByTestId("overview-ai-panel")).toHaveTextContent("1 project forecast over budget.");
    expect(screen.getByTestId("overview-analytics-processed")).toHaveTextContent("1,234");
    expect(screen.getByTestId("overview-analytics-throttled")).toHaveTextContent("1");
    expect(screen.getByTestId("overview-analytics-p95")).toHaveTextContent("4.2 ms");
    expect(screen.getByRole("link", { name: /Analytics/ })).toHaveAttribute("href", "/analytics");

    await userEvent.click(within(screen.getByTestId("overview-firing")).getByRole("button", { name: /Alerts/ }));
    expect(onOpen).toHaveBeenLastCalledWith("alerts");
    await userEvent.click(within(screen.getByTestId("overview-queues")).getByRole("button", { name: /Tasks/ }));
    expect(onOpen).toHaveBeenLastCalledWith("tasks");
  });

  it("says unavailable where the server could not read a store, in Korean", async () => {
    body = overview({ http: null, sockets: null, queues: null, ai_cost: null, analytics: null, hosts: [] });
    renderWithProviders(<OverviewTab live={initialLiveState} onOpen={vi.fn()} />, { locale: "ko" });
    expect(await screen.findByTestId("overview-error-rate")).toHaveTextContent("확인할 수 없음");
    expect(screen.getByTestId("overview-queues")).toHaveTextContent("확인할 수 없음");
    expect(screen.getByTestId("overview-hosts")).toHaveTextContent("아직 보고한 호스트가 없습니다");
    expect(screen.getByTestId("overview-alerts")).toHaveTextContent("심각 2 · 경고 1 · 대기 1");
  });

  it("follows live host samples from the monitoring stream", async () => {
    const sample: LiveSample = {
      host: { id: "11111111-1111-1111-1111-111111111111", name: "web-1" },
      ts: new Date(NOW).toISOString(),
      metrics: { "cpu.percent": 88, "mem.percent": 41, "disk.percent": { "/": 60, "/data": 94 } },
    };
    const live = liveReducer(initialLiveState, { type: "sample", sample });
    renderWithProviders(<OverviewTab live={live} onOpen={vi.fn()} />, { locale: "en" });
    const [web] = await screen.findAllByTestId("overview-host");
    expect(within(web!).getByText("88%")).toBeInTheDocument();
    expect(within(web!).getByText("94%")).toBeInTheDocument();
  });
});

describe("sparkSeries", () => {
  it("appends live points after the server's history and keeps the window", () => {
    const host = overview().hosts[0]!;
    const late = { t: NOW + 60_000, "cpu.percent": 70 };
    const stale = { t: NOW - 30 * 60_000, "cpu.percent": 1 };
    const series = sparkSeries(host, [stale, late], 30);
    expect(series.map((point) => point.cpu)).toEqual([10, 30, 55.5, 70]);
    expect(sparkSeries(host, [late], 5).map((point) => point.cpu)).toEqual([55.5, 70]);
  });
});

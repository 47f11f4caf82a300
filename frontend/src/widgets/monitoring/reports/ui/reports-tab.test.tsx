import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";

import { setTokens } from "@/shared/api";
import { createFetchStub, renderWithProviders } from "@/shared/lib/test";
import { ToastProvider } from "@/shared/ui";

import { ReportsTab } from "./reports-tab";

const BRIEF = {
  id: "rep1",
  kind: "weekly",
  period_start: "2026-11-30",
  period_end: "2026-12-06",
  status: "pending",
  error: "",
  generated_at: null,
  emailed_at: null,
  created_at: "2026-12-07T00:30:00Z",
  updated_at: "2026-12-07T00:30:00Z",
};

const DATA = {
  kind: "weekly",
  period_start: "2026-11-30",
  period_end: "2026-12-06",
  generated_at: "2026-12-07T00:30:05Z",
  partial: false,
  sections: [
    {
      key: "uptime",
      titles: { en: "Uptime per host", ko: "호스트별 가동률" },
      columns: [
        { key: "host", unit: "", titles: { en: "Host", ko: "호스트" } },
        { key: "uptime_pct", unit: "%", titles: { en: "Uptime", ko: "가동률" } },
        { key: "downtime_min", unit: "min", titles: { en: "Downtime (min)", ko: "중단 (분)" } },
      ],
      rows: [
        { host: "web-a", uptime_pct: 99.5, downtime_min: 50.4 },
        { host: "web-b", uptime_pct: 75, downtime_min: 2520 },
      ],
      totals: { uptime_pct: 87.25, downtime_min: 2570.4 },
      available: true,
      note: {},
    },
    {
      key: "alerts",
      titles: { en: "Alerts", ko: "알림" },
      columns: [
        { key: "rule", unit: "", titles: { en: "Rule", ko: "규칙" } },
        { key: "severity", unit: "severity", titles: { en: "Severity", ko: "심각도" } },
        { key: "fired", unit: "count", titles: { en: "Fired", ko: "발생" } },
        { key: "mean_resolve_s", unit: "s", titles: { en: "Mean time to resolve", ko: "평균 해결 시간" } },
      ],
      rows: [{ rule: "CPU high", severity: "critical", fired: 2, mean_resolve_s: 5400 }],
      totals: { fired: 2, mean_resolve_s: 5400 },
      available: true,
      note: {},
    },
    {
      key: "http",
      titles: { en: "HTTP latency and errors", ko: "HTTP 지연 시간과 오류" },
      columns: [{ key: "route_group", unit: "", titles: { en: "Route group", ko: "경로 그룹" } }],
      rows: [],
      totals: {},
      available: false,
      note: { en: "Not kept as history.", ko: "기록으로 남지 않습니다." },
    },
  ],
};

let stub: ReturnType<typeof createFetchStub>;
let detailCalls = 0;

beforeEach(() => {
  detailCalls = 0;
  setTokens({ access: "A", refresh: "R" });
  stub = createFetchStub((request) => {
    if (request.method === "POST" && request.path === "/api/v1/monitoring/reports/") {
      return { status: 202, body: { ...BRIEF, data: null } };
    }
    if (request.method === "POST" && request.path.endsWith("/send/")) return { status: 202, body: { recipients: 3 } };
    if (request.path.endsWith("/csv/")) {
      return {
        status: 200,
        body: "VideoPlanet operations report,weekly\n",
        headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="videoplanet-weekly-report-2026-11-30_2026-12-06.csv"' },
      };
    }
    if (request.path === "/api/v1/monitoring/reports/rep1/") {
      detailCalls += 1;
      // Building on the first look, ready from the second (the tab polls meanwhile).
      return detailCalls === 1
        ? { status: 200, body: { ...BRIEF, status: "building", data: null } }
        : { status: 200, body: { ...BRIEF, status: "ready", generated_at: DATA.generated_at, data: DATA } };
    }
    return { status: 200, body: { count: 0, next: null, previous: null, results: [] } };
  });
  vi.stubGlobal("fetch", stub.fetch);
});

function renderTab(locale: "en" | "ko" = "en") {
  return renderWithProviders(
    <ToastProvider closeLabel="Close">
      <ReportsTab />
    </ToastProvider>,
    { locale },
  );
}

describe("ReportsTab", () => {
  it("generates a weekly report, shows it building, then its sections with units", async () => {
    const user = userEvent.setup();
    renderTab();
    expect(await screen.findByText("No reports yet")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Generate weekly report" }));
    expect(stub.requests.find((request) => request.method === "POST")).toMatchObject({
      path: "/api/v1/monitoring/reports/",
      body: { kind: "weekly" },
    });
    const detail = await screen.findByTestId("report-detail");
    expect(within(detail).getByTestId("report-status")).toHaveTextContent("Building…");
    expect(within(detail).getByText("The report is being built. This page updates when it is ready.")).toBeInTheDocument();
    expect(within(detail).getByRole("button", { name: "Download CSV" })).toBeDisabled();

    // The poll brings the built report.
    const uptime = await screen.findByTestId("report-section-uptime", {}, { timeout: 5_000 });
    expect(within(detail).getByTestId("report-status")).toHaveTextContent("Ready");
    // The list is asked again once the report is built.
    await vi.waitFor(() =>
      expect(stub.requests.filter((request) => request.method === "GET" && request.path === "/api/v1/monitoring/reports/").length).toBeGreaterThanOrEqual(3),
    );
    const rows = within(uptime).getAllByTestId("report-row-uptime");
    expect(rows[0]).toHaveTextContent("web-a");
    expect(rows[0]).toHaveTextContent("99.5%");
    expect(rows[0]).toHaveTextContent("50.4 min");
    expect(within(uptime).getByTestId("report-total-uptime")).toHaveTextContent("Total87.25%");
    expect(within(uptime).getByRole("img", { name: "Uptime per host (%)" })).toBeInTheDocument();
    const alertRow = within(screen.getByTestId("report-section-alerts")).getByTestId("report-row-alerts");
    expect(alertRow).toHaveTextContent("1.5 h");
    expect(alertRow).toHaveTextContent("Critical"); // the severity's label, not its code
    expect(alertRow).not.toHaveTextContent("critical");
    const http = screen.getByTestId("report-section-http");
    expect(http).toHaveTextContent("Unavailable");
    expect(http).toHaveTextContent("Not kept as history.");
  }, 10_000);

  it("downloads the CSV under the server's name and e-mails the report", async () => {
    detailCalls = 1; // already built
    const user = userEvent.setup();
    const createObjectURL = vi.fn(() => "blob:report");
    vi.stubGlobal("URL", Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    const clicked: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    renderTab();
    await user.click(screen.getByRole("button", { name: "Generate weekly report" }));
    const download = await screen.findByRole("button", { name: "Download CSV" });
    await vi.waitFor(() => expect(download).toBeEnabled());

    await user.click(download);
    await vi.waitFor(() => expect(clicked).toEqual(["videoplanet-weekly-report-2026-11-30_2026-12-06.csv"]));
    expect(stub.requests.some((request) => request.path === "/api/v1/monitoring/reports/rep1/csv/")).toBe(true);

    await user.click(screen.getByRole("button", { name: "E-mail to staff now" }));
    expect(await screen.findByText("Sent to 3 staff members")).toBeInTheDocument();
    expect(stub.requests.some((request) => request.method === "POST" && request.path === "/api/v1/monitoring/reports/rep1/send/")).toBe(true);
    click.mockRestore();
  });

  it("speaks Korean, section titles included", async () => {
    detailCalls = 1;
    const user = userEvent.setup();
    renderTab("ko");
    await user.click(await screen.findByRole("button", { name: "주간 보고서 만들기" }));
    const uptime = await screen.findByTestId("report-section-uptime");
    expect(screen.getByText("호스트별 가동률")).toBeInTheDocument();
    expect(within(uptime).getByText("가동률")).toBeInTheDocument();
    expect(within(uptime).getByTestId("report-total-uptime")).toHaveTextContent("합계");
    expect(screen.getByTestId("report-section-http")).toHaveTextContent("기록으로 남지 않습니다.");
  });
});

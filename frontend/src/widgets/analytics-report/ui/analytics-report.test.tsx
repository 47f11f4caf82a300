import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { AnalyticsReport as Report } from "@/entities/analytics";
import { setTokens } from "@/shared/api";
import { createFetchStub, envelope, renderWithProviders } from "@/shared/lib/test";

import { AnalyticsReport } from "./analytics-report";

const SITE = "5b0c8a52-0000-4000-8000-000000000001";

const REPORT = {
  site: { id: SITE, name: "VP" },
  from: "2026-11-17T00:00:00Z",
  to: "2026-11-23T10:00:00Z",
  interval: "day",
  source: "raw",
  totals: {
    visitors: 120,
    sessions: 150,
    page_views: 610,
    bounce_rate: 0.42,
    avg_session_duration_seconds: 95.3,
    conversions: 12,
    conversion_value: 340,
    converted_sessions: 10,
    conversion_rate: 0.0667,
  },
  top_pages: [
    { path: "/projects", page_views: 210, visitors: 80 },
    { path: "/pricing", page_views: 90, visitors: 40 },
  ],
  entry_pages: [{ path: "/", sessions: 90 }],
  exit_pages: [{ path: "/projects", sessions: 40 }],
  referrers: [
    { referrer: "", sessions: 100 },
    { referrer: "www.google.com", sessions: 30 },
  ],
  devices: [
    { device_class: "desktop", sessions: 100 },
    { device_class: "mobile", sessions: 50 },
  ],
  browsers: [{ browser: "Chrome", sessions: 120 }],
  top_clicks: [{ label: "Start", clicks: 14 }],
  events_by_type: { page_view: 610, click: 14, conversion: 12, heartbeat: 300, vital: 140 },
  conversions_by_name: [{ name: "signup", count: 8, value: 200 }],
  conversion_pages: [{ path: "/pricing", sessions: 40, converted_sessions: 8, conversion_rate: 0.2 }],
  vitals: [
    { path: "/projects", lcp_p75: 1830, cls_p75: 0.04, inp_p75: 620, lcp_samples: 50, cls_samples: 48, inp_samples: 30 },
    { path: "/pricing", lcp_p75: 3100, cls_p75: null, inp_p75: 120, lcp_samples: 5, cls_samples: 0, inp_samples: 3 },
  ],
  vital_thresholds: { LCP: [2500, 4000], CLS: [0.1, 0.25], INP: [200, 500] },
  series: [
    { ts: "2026-11-22T00:00:00Z", page_views: 300, sessions: 70, visitors: 60, conversions: 5 },
    { ts: "2026-11-23T00:00:00Z", page_views: 310, sessions: 80, visitors: 60, conversions: 7 },
  ],
} satisfies Report;

let stub: ReturnType<typeof createFetchStub>;
let answer: { status: number; body: unknown };

beforeEach(() => {
  setTokens({ access: "A", refresh: "R" });
  answer = { status: 200, body: REPORT };
  stub = createFetchStub(() => answer);
  vi.stubGlobal("fetch", stub.fetch);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("AnalyticsReport", () => {
  it("shows the KPIs, top lists, funnel and rated vitals of the range", async () => {
    renderWithProviders(<AnalyticsReport siteId={SITE} />, { locale: "en" });

    await vi.waitFor(() => expect(screen.getByTestId("kpi-visitors")).toHaveTextContent("Visitors120"));
    expect(screen.getByTestId("kpi-pageViews")).toHaveTextContent("610");
    expect(screen.getByTestId("kpi-bounceRate")).toHaveTextContent("42%");
    expect(screen.getByTestId("kpi-avgDuration")).toHaveTextContent("1m 35s");
    expect(screen.getByTestId("kpi-conversionRate")).toHaveTextContent("6.7%");

    const pages = within(screen.getByTestId("top-pages"));
    expect(pages.getAllByRole("row").map((row) => row.textContent)).toEqual([
      "PagePage viewsVisitors",
      "/projects21080",
      "/pricing9040",
    ]);
    expect(within(screen.getByTestId("referrers")).getByText("Direct")).toBeInTheDocument();
    expect(within(screen.getByTestId("devices")).getByRole("row", { name: /Mobile/ })).toHaveTextContent("Mobile5033.3%");
    expect(within(screen.getByTestId("conversion-funnel")).getByRole("row", { name: /\/pricing/ })).toHaveTextContent("40820%");

    const vitals = within(screen.getByTestId("vitals-table"));
    const projects = vitals.getByRole("row", { name: /\/projects/ });
    expect(within(projects).getByText("1.83 s").closest("[data-rating]")).toHaveAttribute("data-rating", "good");
    expect(within(projects).getByText("620 ms").closest("[data-rating]")).toHaveAttribute("data-rating", "poor");
    const pricing = vitals.getByRole("row", { name: /\/pricing/ });
    expect(within(pricing).getByText("3.1 s").closest("[data-rating]")).toHaveAttribute("data-rating", "needs-improvement");
    expect(within(pricing).getByText("No samples")).toBeInTheDocument();

    const query = new URLSearchParams(stub.requests[0]!.search);
    expect(stub.requests[0]!.path).toBe("/api/v1/monitoring/analytics/");
    expect(query.get("site")).toBe(SITE);
    expect(query.get("interval")).toBe("day");
    expect(query.get("limit")).toBe("10");
  });

  it("asks again with the new range and interval", async () => {
    const user = userEvent.setup();
    renderWithProviders(<AnalyticsReport siteId={SITE} />, { locale: "en" });
    await screen.findByTestId("top-pages");

    await user.click(screen.getByRole("button", { name: "Today" }));
    await vi.waitFor(() => expect(stub.requests).toHaveLength(2));
    const today = new URLSearchParams(stub.requests[1]!.search);
    expect(today.get("interval")).toBe("hour");
    expect(new Date(today.get("from")!).getHours()).toBe(0);

    await user.click(screen.getByRole("button", { name: "30 days" }));
    await vi.waitFor(() => expect(stub.requests).toHaveLength(3));
    expect(screen.getByRole("group", { name: "Interval" }).querySelectorAll("button:disabled")).toHaveLength(1);

    await user.click(screen.getByRole("button", { name: "Custom" }));
    expect(screen.getByLabelText("From")).toBeInTheDocument();
    expect(screen.getByLabelText("To")).toBeInTheDocument();
  });

  it("says when the range has no data, and offers a retry on errors", async () => {
    answer = {
      status: 200,
      body: { ...REPORT, totals: { ...REPORT.totals, sessions: 0, page_views: 0 }, top_pages: [], series: [] },
    };
    const { unmount } = renderWithProviders(<AnalyticsReport siteId={SITE} />, { locale: "en" });
    expect(await screen.findByText("No data in this range")).toBeInTheDocument();
    unmount();

    answer = { status: 500, body: envelope("server_error", "boom") };
    const user = userEvent.setup();
    renderWithProviders(<AnalyticsReport siteId={SITE} />, { locale: "en" });
    expect(await screen.findByText("The report could not be loaded.")).toBeInTheDocument();
    answer = { status: 200, body: REPORT };
    await user.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByTestId("top-pages")).toBeInTheDocument();
  });
});

import { act, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { setTokens } from "@/shared/api";
import { createFetchStub, renderWithProviders } from "@/shared/lib/test";
import type { WebSocketLike } from "@/shared/ws";

import { AnalyticsLive } from "./analytics-live";

const SITE = "5b0c8a52-0000-4000-8000-000000000001";

/** A socket the test drives: it opens at once and delivers what the test sends. */
class FakeSocket implements WebSocketLike {
  static last: FakeSocket | null = null;
  readyState = 0;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;

  constructor(public url: string) {
    FakeSocket.last = this;
  }
  send() {}
  close() {
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.(new Event("open"));
    this.receive({ type: "hello", stream: "monitoring", seq: 3, presence: [] });
  }
  receive(message: unknown) {
    this.onmessage?.(new MessageEvent("message", { data: JSON.stringify(message) }));
  }
}

const createSocket = (url: string) => new FakeSocket(url);

let activeResults: unknown[] = [];

beforeEach(() => {
  FakeSocket.last = null;
  activeResults = [];
  setTokens({ access: "A", refresh: "R" });
  const stub = createFetchStub(({ path }) => {
    if (path === "/api/v1/auth/ws-ticket/") return { status: 200, body: { ticket: "t1", expires_in: 30 } };
    if (path === "/api/v1/monitoring/sessions/active/") {
      return { status: 200, body: { site: SITE, window_seconds: 60, count: activeResults.length, results: activeResults } };
    }
    const to = new Date();
    return {
      status: 200,
      body: {
        site: { id: SITE, name: "VP" },
        from: new Date(to.getTime() - 30 * 60_000).toISOString(),
        to: to.toISOString(),
        interval: "minute",
        series: [{ ts: new Date(to.getTime() - 60_000).toISOString(), page_views: 4, sessions: 1, visitors: 1, conversions: 0 }],
      },
    };
  });
  vi.stubGlobal("fetch", stub.fetch);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("AnalyticsLive", () => {
  it("shows the REST snapshot, then follows analytics.tick from the monitoring socket", async () => {
    renderWithProviders(<AnalyticsLive siteId={SITE} createSocket={createSocket} />, { locale: "en" });

    expect(await screen.findByTestId("active-sessions")).toHaveTextContent("0");
    expect(screen.getByText("No active sessions right now.")).toBeInTheDocument();
    await vi.waitFor(() => expect(FakeSocket.last).not.toBeNull());
    const socket = FakeSocket.last!;
    expect(socket.url).toMatch(/\/ws\/monitoring\/\?ticket=t1$/);
    act(() => socket.open());
    expect(screen.getByTestId("live-connection")).toHaveAttribute("data-status", "open");
    expect(screen.getByTestId("live-connection")).toHaveTextContent("Live");

    activeResults = [
      {
        id: "s1",
        visitor: "v_1",
        started_at: new Date().toISOString(),
        last_seen_at: new Date().toISOString(),
        current_page: "/pricing",
        entry_page: "/",
        page_count: 3,
        duration_seconds: 95,
        device_class: "mobile",
        browser: "Safari",
        os: "iOS",
        referrer: "",
        utm_source: "",
        converted: true,
      },
    ];
    act(() =>
      socket.receive({
        type: "analytics.tick",
        stream: "monitoring",
        data: {
          site: { id: SITE, name: "VP" },
          ts: new Date(Date.now() + 1000).toISOString(),
          active_sessions: 1,
          page_views_last_minute: 6,
          latest_conversions: [{ ts: new Date().toISOString(), name: "signup", value: 12.5, path: "/pricing", session: "s1" }],
        },
      }),
    );

    expect(screen.getByTestId("active-sessions")).toHaveTextContent("1");
    expect(screen.getByTestId("page-views-last-minute")).toHaveTextContent("6");
    expect(within(screen.getByTestId("live-conversions")).getByText("signup")).toBeInTheDocument();
    // The count moved, so the list of who is online is fetched again.
    const list = await screen.findByTestId("active-session-list");
    expect(list).toHaveTextContent("/pricing");
    expect(list).toHaveTextContent("Mobile · Safari · 3 pages · 1m 35s");
  });

  it("ignores ticks of other sites", async () => {
    renderWithProviders(<AnalyticsLive siteId={SITE} createSocket={createSocket} />, { locale: "en" });
    expect(await screen.findByTestId("active-sessions")).toHaveTextContent("0");
    await vi.waitFor(() => expect(FakeSocket.last).not.toBeNull());
    const socket = FakeSocket.last!;
    act(() => socket.open());
    act(() =>
      socket.receive({
        type: "analytics.tick",
        stream: "monitoring",
        data: { site: { id: "other", name: "x" }, ts: new Date(Date.now() + 1000).toISOString(), active_sessions: 9, page_views_last_minute: 9, latest_conversions: [] },
      }),
    );
    expect(screen.getByTestId("active-sessions")).toHaveTextContent("0");
  });
});

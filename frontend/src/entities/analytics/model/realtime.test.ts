import { combineSlices, configureStore, createListenerMiddleware } from "@reduxjs/toolkit";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { baseApi, setTokens } from "@/shared/api";
import type { ApiRootState, AppThunkDispatch } from "@/shared/lib/redux";
import { createFetchStub } from "@/shared/lib/test";
import { wsEventReceived } from "@/shared/ws";

import { analyticsApi } from "../api/analytics-api";
import { registerAnalyticsRealtime } from "./realtime";

const SITE = "5b0c8a52-0000-4000-8000-000000000001";

function makeStore() {
  const listener = createListenerMiddleware<ApiRootState, AppThunkDispatch>();
  registerAnalyticsRealtime(listener);
  return configureStore({
    reducer: combineSlices(baseApi),
    middleware: (getDefault) => getDefault().prepend(listener.middleware).concat(baseApi.middleware),
  });
}

let activeCount = 1;

beforeEach(() => {
  activeCount = 1;
  setTokens({ access: "A", refresh: "R" });
  const stub = createFetchStub(({ path }) => {
    if (path === "/api/v1/monitoring/sessions/active/") {
      return { status: 200, body: { site: SITE, window_seconds: 60, count: activeCount, results: [] } };
    }
    return {
      status: 200,
      body: {
        site: { id: SITE, name: "VP" },
        from: "2026-11-23T09:33:20Z",
        to: "2026-11-23T10:03:20Z",
        interval: "minute",
        series: [{ ts: "2026-11-23T10:02:00Z", page_views: 4, sessions: 1, visitors: 1, conversions: 0 }],
      },
    };
  });
  vi.stubGlobal("fetch", stub.fetch);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

function tickEvent(data: Record<string, unknown>) {
  return wsEventReceived({ stream: "monitoring", type: "analytics.tick", seq: null, ts: null, data });
}

describe("analytics.tick from the monitoring socket", () => {
  it("updates the live counter and the per-minute chart of its site without refetching", async () => {
    const store = makeStore();
    await store.dispatch(analyticsApi.endpoints.getAnalyticsLive.initiate(SITE));
    const fetches = vi.mocked(fetch).mock.calls.length;

    store.dispatch(
      tickEvent({
        site: { id: SITE, name: "VP" },
        ts: "2026-11-23T10:03:25Z",
        active_sessions: 4,
        page_views_last_minute: 9,
        latest_conversions: [],
      }),
    );

    const live = analyticsApi.endpoints.getAnalyticsLive.select(SITE)(store.getState()).data;
    expect(live?.activeSessions).toBe(4);
    expect(live?.points.at(-1)?.pageViews).toBe(9);
    expect(live?.points.at(-2)?.pageViews).toBe(4);
    expect(vi.mocked(fetch).mock.calls.length).toBe(fetches);
  });

  it("ignores malformed ticks and other event types", async () => {
    const store = makeStore();
    await store.dispatch(analyticsApi.endpoints.getAnalyticsLive.initiate(SITE));
    const before = analyticsApi.endpoints.getAnalyticsLive.select(SITE)(store.getState()).data;

    store.dispatch(tickEvent({ site: SITE, active_sessions: "many" }));
    store.dispatch(wsEventReceived({ stream: "monitoring", type: "metrics.sample", seq: null, ts: null, data: {} }));

    expect(analyticsApi.endpoints.getAnalyticsLive.select(SITE)(store.getState()).data).toBe(before);
  });

  it("refetches the active sessions list when the count changed", async () => {
    const store = makeStore();
    const subscription = store.dispatch(analyticsApi.endpoints.getActiveSessions.initiate(SITE));
    await subscription;
    const before = vi.mocked(fetch).mock.calls.length;
    activeCount = 2;

    const tick = { site: { id: SITE, name: "VP" }, ts: "2026-11-23T10:03:25Z", page_views_last_minute: 1, latest_conversions: [] };
    store.dispatch(tickEvent({ ...tick, active_sessions: 1 }));
    expect(vi.mocked(fetch).mock.calls.length).toBe(before);

    store.dispatch(tickEvent({ ...tick, active_sessions: 2 }));
    await vi.waitFor(() =>
      expect(analyticsApi.endpoints.getActiveSessions.select(SITE)(store.getState()).data?.count).toBe(2),
    );
    subscription.unsubscribe();
  });
});

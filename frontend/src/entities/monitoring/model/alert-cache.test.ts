import { combineSlices, configureStore } from "@reduxjs/toolkit";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { baseApi, setTokens } from "@/shared/api";
import { createFetchStub } from "@/shared/lib/test";

import { monitoringApi } from "../api/monitoring-api";
import { upsertAlertInCache } from "./alert-cache";
import type { Alert } from "./types";

function alert(id: string, overrides: Partial<Alert> = {}): Alert {
  return {
    id,
    rule: { id: "r1", name: "CPU high", source: "host", metric: "cpu.percent", severity: "critical" },
    source: "host",
    host: { id: "h1", name: "web-1" },
    target: "h1",
    target_label: "web-1",
    labels: "",
    status: "firing",
    severity: "critical",
    value: 97,
    operator: ">",
    threshold: 90,
    pending_since: "2026-03-01T09:00:00Z",
    started_at: "2026-03-01T09:00:00Z",
    resolved_at: null,
    last_evaluated_at: "2026-03-01T09:01:00Z",
    last_notified_at: null,
    notify_count: 1,
    silenced: false,
    acknowledged_by: null,
    acknowledged_at: null,
    notes: "",
    created_at: "2026-03-01T09:00:00Z",
    updated_at: "2026-03-01T09:01:00Z",
    ...overrides,
  };
}

function makeStore() {
  return configureStore({
    reducer: combineSlices(baseApi),
    middleware: (getDefault) => getDefault().concat(baseApi.middleware),
  });
}

const page = (results: Alert[]) => ({ count: results.length, next: null, previous: null, results });

beforeEach(() => {
  setTokens({ access: "A", refresh: "R" });
  const stub = createFetchStub(({ search }) => {
    if (search.includes("status=open")) return { status: 200, body: page([alert("a1")]) };
    return {
      status: 200,
      body: page([alert("a1"), alert("a0", { status: "resolved", created_at: "2026-02-01T00:00:00Z" })]),
    };
  });
  vi.stubGlobal("fetch", stub.fetch);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("upsertAlertInCache", () => {
  it("puts a newly firing alert on top of the matching lists, without refetching", async () => {
    const store = makeStore();
    await store.dispatch(monitoringApi.endpoints.listAlerts.initiate({ status: "open", page: 1 }));
    await store.dispatch(monitoringApi.endpoints.listAlerts.initiate({ status: undefined, page: 1 }));
    const fetches = vi.mocked(fetch).mock.calls.length;

    upsertAlertInCache(store.dispatch, store.getState(), alert("a2", { created_at: "2026-03-02T00:00:00Z" }));

    const state = store.getState();
    const open = monitoringApi.endpoints.listAlerts.select({ status: "open", page: 1 })(state).data;
    const all = monitoringApi.endpoints.listAlerts.select({ status: undefined, page: 1 })(state).data;
    expect(open?.results.map((item) => item.id)).toEqual(["a2", "a1"]);
    expect(all?.results.map((item) => item.id)).toEqual(["a2", "a1", "a0"]);
    expect(open?.count).toBe(2);
    expect(vi.mocked(fetch).mock.calls.length).toBe(fetches);
  });

  it("moves a resolved alert out of the open list and below the firing ones", async () => {
    const store = makeStore();
    await store.dispatch(monitoringApi.endpoints.listAlerts.initiate({ status: "open", page: 1 }));
    await store.dispatch(monitoringApi.endpoints.listAlerts.initiate({ status: undefined, page: 1 }));

    upsertAlertInCache(store.dispatch, store.getState(), alert("a1", { status: "resolved", resolved_at: "2026-03-01T10:00:00Z" }));

    const state = store.getState();
    const open = monitoringApi.endpoints.listAlerts.select({ status: "open", page: 1 })(state).data;
    const all = monitoringApi.endpoints.listAlerts.select({ status: undefined, page: 1 })(state).data;
    expect(open).toMatchObject({ count: 0, results: [] });
    expect(all?.results.map((item) => [item.id, item.status])).toEqual([
      ["a1", "resolved"],
      ["a0", "resolved"],
    ]);
  });
});

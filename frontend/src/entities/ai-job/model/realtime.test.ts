import { combineSlices, configureStore, createListenerMiddleware } from "@reduxjs/toolkit";
import { describe, expect, it, vi } from "vitest";

import { baseApi } from "@/shared/api";
import type { ApiRootState, AppThunkDispatch } from "@/shared/lib/redux";
import { createFetchStub } from "@/shared/lib/test";
import { wsEventReceived } from "@/shared/ws";

import { aiJobApi } from "../api/ai-job-api";
import { registerAIJobRealtime } from "./realtime";
import type { AIJob } from "./types";

function job(id: string, overrides: Partial<AIJob> = {}): AIJob {
  return {
    id,
    project: "p1",
    kind: "plan",
    status: "queued",
    priority: "normal",
    risk: "low",
    risk_reasons: [],
    risk_factors: [],
    model: "m",
    plan: "plan-1",
    params: {},
    estimated_tokens: 1,
    estimated_cost_usd: "0.01",
    tokens: 0,
    cost_usd: "0",
    attempts: 0,
    max_attempts: 3,
    created_by: null,
    approved_by: null,
    approved_at: null,
    rejected_by: null,
    rejected_at: null,
    error_code: "",
    error: "",
    started_at: null,
    finished_at: null,
    created_at: "2026-11-23T00:00:00Z",
    updated_at: "2026-11-23T00:00:00Z",
    ...overrides,
  };
}

async function setup() {
  const requests: string[] = [];
  const stub = createFetchStub(({ path, search }) => {
    requests.push(`${path}${search}`);
    if (path.endsWith("/ai-usage/")) return { status: 200, body: {} };
    const waiting = search.includes("status=awaiting_approval");
    return { status: 200, body: { count: 1, next: null, previous: null, results: [job("j1", waiting ? { status: "awaiting_approval" } : {})] } };
  });
  vi.stubGlobal("fetch", stub.fetch);
  const listener = createListenerMiddleware<ApiRootState, AppThunkDispatch>();
  registerAIJobRealtime(listener);
  const store = configureStore({
    reducer: combineSlices(baseApi),
    middleware: (getDefault) => getDefault().prepend(listener.middleware).concat(baseApi.middleware),
  });
  const all = store.dispatch(aiJobApi.endpoints.listAIJobs.initiate({ projectId: "p1", status: "", kind: "" }));
  const waiting = store.dispatch(
    aiJobApi.endpoints.listAIJobs.initiate({ projectId: "p1", status: "awaiting_approval", kind: "" }),
  );
  const usage = store.dispatch(aiJobApi.endpoints.getAIUsage.initiate("p1"));
  await Promise.all([all, waiting, usage]);
  const list = (status: "" | "awaiting_approval") =>
    aiJobApi.endpoints.listAIJobs.select({ projectId: "p1", status, kind: "" })(store.getState()).data?.results;
  const send = (type: string, data: unknown, seq: number) =>
    store.dispatch(wsEventReceived({ stream: "project:p1", type, seq, ts: null, data }));
  return { store, list, send, requests, unsubscribe: () => [all, waiting, usage].forEach((s) => s.unsubscribe()) };
}

describe("registerAIJobRealtime", () => {
  it("puts a new job on top of the lists it matches, and only those", async () => {
    const { list, send, unsubscribe } = await setup();
    send("ai_job.queued", { job: job("j2") }, 1);
    expect(list("")?.map((item) => item.id)).toEqual(["j2", "j1"]);
    expect(list("awaiting_approval")?.map((item) => item.id)).toEqual(["j1"]);
    unsubscribe();
  });

  it("updates a job in place and drops it from a filtered list it no longer matches", async () => {
    const { list, send, unsubscribe } = await setup();
    send("ai_job.approved", { job: job("j1", { status: "queued" }) }, 1);
    expect(list("")?.[0]?.status).toBe("queued");
    expect(list("awaiting_approval")).toEqual([]);
    unsubscribe();
  });

  it("refetches the usage once a job has spent money", async () => {
    const { send, requests, unsubscribe } = await setup();
    const before = requests.filter((path) => path.endsWith("/ai-usage/")).length;
    send("ai_job.started", { job: job("j1", { status: "running" }) }, 1);
    send("ai_job.succeeded", { job: job("j1", { status: "succeeded" }) }, 2);
    await vi.waitFor(() => expect(requests.filter((path) => path.endsWith("/ai-usage/")).length).toBe(before + 1));
    unsubscribe();
  });
});

import { combineSlices, configureStore, createListenerMiddleware } from "@reduxjs/toolkit";
import { describe, expect, it, vi } from "vitest";

import type { ApiRootState, AppThunkDispatch } from "@/shared/lib/redux";
import { baseApi } from "@/shared/api";
import { createFetchStub } from "@/shared/lib/test";
import { wsEventReceived } from "@/shared/ws";

import { planApi } from "../api/plan-api";
import { applyPlanEvent, progressView, toPlanEvent, type PlanEvent } from "./progress";
import { registerPlanRealtime } from "./realtime";
import type { Plan, PlanSummary } from "./types";

const PLAN: PlanSummary = {
  id: "plan-1",
  brief: "brief-1",
  project: "project-1",
  status: "queued",
  model: "gpt-4o-mini",
  revision: 0,
  progress_step: "",
  progress_percent: 0,
  busy: false,
  error: "",
  created_at: "2026-11-23T00:00:00Z",
  updated_at: "2026-11-23T00:00:00Z",
};

function progress(step: string, percent: number, section = "", planId = "plan-1"): PlanEvent {
  const event = toPlanEvent("plan.progress", { plan_id: planId, job_id: "job-1", step, percent, section });
  if (!event) throw new Error("not a plan event");
  return event;
}

describe("applyPlanEvent (the progress reducer)", () => {
  it("moves a whole plan through its steps and marks it running", () => {
    const steps: Array<[string, number]> = [
      ["overview", 0],
      ["sections", 15],
      ["scenes", 30],
      ["shots", 45],
    ];
    const state = steps.reduce((plan, [step, percent]) => applyPlanEvent(plan, progress(step, percent)), PLAN);
    expect(state).toMatchObject({ status: "running", progress_step: "shots", progress_percent: 45, busy: false });
  });

  it("finishes at 100 % on the done step", () => {
    const state = applyPlanEvent(applyPlanEvent(PLAN, progress("schedule", 75)), progress("done", 100));
    expect(state).toMatchObject({ status: "succeeded", progress_step: "done", progress_percent: 100 });
  });

  it("keeps a regenerated plan succeeded and only busy until its section is done", () => {
    const done = { ...PLAN, status: "succeeded" as const, revision: 1 };
    const busy = applyPlanEvent(done, progress("shots", 0, "shots"));
    expect(busy).toMatchObject({ status: "succeeded", busy: true, progress_step: "shots" });
    expect(applyPlanEvent(busy, progress("done", 100, "shots"))).toMatchObject({ status: "succeeded", busy: false });
  });

  it("takes status, revision and error from succeeded and failed events", () => {
    const failed = toPlanEvent("plan.failed", {
      plan: { ...PLAN, status: "failed", error: "AI server down", progress_step: "scenes", progress_percent: 30 },
      job_id: "job-1",
      error: "AI server down",
      section: "",
    });
    expect(failed && applyPlanEvent(PLAN, failed)).toMatchObject({ status: "failed", error: "AI server down", progress_percent: 30 });
    const succeeded = toPlanEvent("plan.succeeded", {
      plan: { ...PLAN, status: "succeeded", revision: 1, progress_step: "done", progress_percent: 100 },
      job_id: "job-1",
      section: "",
    });
    expect(succeeded && applyPlanEvent(PLAN, succeeded)).toMatchObject({ status: "succeeded", revision: 1 });
  });

  it("ignores events of other plans and clamps the percent", () => {
    expect(applyPlanEvent(PLAN, progress("shots", 45, "", "other"))).toBe(PLAN);
    expect(applyPlanEvent(PLAN, progress("shots", 140)).progress_percent).toBe(100);
  });

  it("rejects malformed events", () => {
    expect(toPlanEvent("plan.progress", { plan_id: "x" })).toBeNull();
    expect(toPlanEvent("plan.succeeded", { plan: null })).toBeNull();
    expect(toPlanEvent("feedback.created", { plan_id: "x", step: "a", percent: 1 })).toBeNull();
  });
});

describe("progressView", () => {
  it("marks steps before the current one done and the rest pending", () => {
    const view = progressView({ status: "running", progress_step: "scenes", progress_percent: 30 });
    expect(view.percent).toBe(30);
    expect(view.steps.map((step) => step.state)).toEqual(["done", "done", "current", "pending", "pending", "pending", "pending"]);
  });

  it("shows everything done once the plan succeeded", () => {
    const view = progressView({ status: "succeeded", progress_step: "done", progress_percent: 100 });
    expect(view.percent).toBe(100);
    expect(view.steps.every((step) => step.state === "done")).toBe(true);
  });

  it("leaves out the images step when no image provider is configured", () => {
    const view = progressView({ status: "succeeded", progress_step: "done", progress_percent: 100 }, { imagesStep: false });
    expect(view.steps.map((step) => step.step)).toEqual(["overview", "sections", "scenes", "shots", "storyboard", "schedule"]);
  });

  it("marks the step that was running as failed", () => {
    const view = progressView({ status: "failed", progress_step: "shots", progress_percent: 45 });
    expect(view.steps.find((step) => step.step === "shots")?.state).toBe("failed");
  });
});

describe("registerPlanRealtime", () => {
  it("moves the cached plan with plan.progress events and refetches it when it succeeded", async () => {
    let fetched = 0;
    const stub = createFetchStub(() => {
      fetched += 1;
      const plan: Plan =
        fetched === 1
          ? { ...PLAN, result: {} }
          : { ...PLAN, status: "succeeded", revision: 1, progress_step: "done", progress_percent: 100, result: {} };
      return { status: 200, body: plan };
    });
    vi.stubGlobal("fetch", stub.fetch);
    const listener = createListenerMiddleware<ApiRootState, AppThunkDispatch>();
    registerPlanRealtime(listener);
    const store = configureStore({
      reducer: combineSlices(baseApi),
      middleware: (getDefault) => getDefault().prepend(listener.middleware).concat(baseApi.middleware),
    });
    const subscription = store.dispatch(planApi.endpoints.getPlan.initiate("plan-1"));
    await subscription;

    const send = (type: string, data: unknown, seq: number) =>
      store.dispatch(wsEventReceived({ stream: "project:project-1", type, seq, ts: null, data }));
    send("plan.progress", { plan_id: "plan-1", job_id: "j", step: "overview", percent: 0, section: "" }, 1);
    send("plan.progress", { plan_id: "plan-1", job_id: "j", step: "scenes", percent: 30, section: "" }, 2);
    expect(planApi.endpoints.getPlan.select("plan-1")(store.getState()).data).toMatchObject({
      status: "running",
      progress_step: "scenes",
      progress_percent: 30,
    });
    expect(fetched).toBe(1);

    send("plan.succeeded", { plan: { ...PLAN, status: "succeeded", revision: 1 }, job_id: "j", section: "" }, 3);
    await vi.waitFor(() => expect(fetched).toBe(2));
    subscription.unsubscribe();
  });
});

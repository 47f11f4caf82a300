import { PROGRESS_STEPS, type PlanSummary, type ProgressStep } from "./types";

export const PLAN_PROGRESS = "plan.progress";
export const PLAN_SUCCEEDED = "plan.succeeded";
export const PLAN_FAILED = "plan.failed";

export interface PlanProgressData {
  plan_id: string;
  job_id: string;
  step: string;
  percent: number;
  /** Set when one section is regenerated; empty for a whole plan. */
  section: string;
}

export interface PlanResultData {
  plan: PlanSummary;
  job_id: string;
  section: string;
  error?: string;
}

export type PlanEvent =
  | { type: typeof PLAN_PROGRESS; data: PlanProgressData }
  | { type: typeof PLAN_SUCCEEDED | typeof PLAN_FAILED; data: PlanResultData };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** Narrow a socket event to a plan event, or null when it is something else or malformed. */
export function toPlanEvent(type: string, data: unknown): PlanEvent | null {
  if (!isObject(data)) return null;
  if (type === PLAN_PROGRESS) {
    if (typeof data.plan_id !== "string" || typeof data.step !== "string" || typeof data.percent !== "number") return null;
    return {
      type,
      data: {
        plan_id: data.plan_id,
        job_id: typeof data.job_id === "string" ? data.job_id : "",
        step: data.step,
        percent: data.percent,
        section: typeof data.section === "string" ? data.section : "",
      },
    };
  }
  if (type === PLAN_SUCCEEDED || type === PLAN_FAILED) {
    const plan = data.plan;
    if (!isObject(plan) || typeof plan.id !== "string" || typeof plan.status !== "string") return null;
    return {
      type,
      data: {
        plan: plan as unknown as PlanSummary,
        job_id: typeof data.job_id === "string" ? data.job_id : "",
        section: typeof data.section === "string" ? data.section : "",
        error: typeof data.error === "string" ? data.error : undefined,
      },
    };
  }
  return null;
}

export function planIdOf(event: PlanEvent): string {
  return event.type === PLAN_PROGRESS ? event.data.plan_id : event.data.plan.id;
}

const clampPercent = (value: number) => Math.max(0, Math.min(100, Math.round(value)));

/**
 * The plan's state after a socket event (the progress bar's reducer). Pure:
 * used on the cached plan and its list rows alike.
 */
export function applyPlanEvent<P extends PlanSummary>(plan: P, event: PlanEvent): P {
  if (planIdOf(event) !== plan.id) return plan;
  if (event.type === PLAN_PROGRESS) {
    const { step, percent, section } = event.data;
    const next = { ...plan, progress_step: step, progress_percent: clampPercent(percent) };
    if (section) {
      // A section regeneration: the plan itself stays succeeded, it is only busy.
      return { ...next, busy: step !== "done" };
    }
    return { ...next, status: step === "done" ? "succeeded" : "running", error: "" };
  }
  const summary = event.data.plan;
  return {
    ...plan,
    status: summary.status,
    revision: summary.revision,
    progress_step: summary.progress_step,
    progress_percent: summary.progress_percent,
    busy: summary.busy,
    error: summary.error,
    updated_at: summary.updated_at,
  };
}

export type StepState = "done" | "current" | "pending" | "failed";

export interface ProgressView {
  percent: number;
  /** The named steps of a whole plan, each with its state. */
  steps: Array<{ step: ProgressStep; state: StepState }>;
  current: ProgressStep | null;
}

function isProgressStep(step: string): step is ProgressStep {
  return (PROGRESS_STEPS as readonly string[]).includes(step);
}

/** What the progress bar shows for a plan: percent and each step done/current/pending. */
export function progressView(
  plan: Pick<PlanSummary, "status" | "progress_step" | "progress_percent">,
  { imagesStep = true }: { imagesStep?: boolean } = {},
): ProgressView {
  const finished = plan.status === "succeeded";
  const current = isProgressStep(plan.progress_step) ? plan.progress_step : null;
  const currentIndex = finished ? PROGRESS_STEPS.length : current ? PROGRESS_STEPS.indexOf(current) : -1;
  // Without an image search provider the "images" step never happens: do not show it.
  const shown = PROGRESS_STEPS.filter((step) => step !== "done" && (imagesStep || step !== "images" || current === "images"));
  const steps = shown.map((step) => {
    const index = PROGRESS_STEPS.indexOf(step);
    let state: StepState = "pending";
    if (index < currentIndex) state = "done";
    else if (index === currentIndex) state = plan.status === "failed" ? "failed" : "current";
    return { step, state };
  });
  return { percent: finished ? 100 : clampPercent(plan.progress_percent), steps, current: finished ? "done" : current };
}

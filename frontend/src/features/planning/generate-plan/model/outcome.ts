import type { AIJob } from "@/entities/ai-job";
import type { ApiError } from "@/shared/api";

/** What the UI says after asking for a generation. */
export type GenerateOutcome =
  | { kind: "started"; planId: string | null; jobId: string }
  | { kind: "awaitingApproval"; planId: string | null; jobId: string; reasons: string[] }
  | { kind: "notConfigured" }
  | { kind: "budget"; message: string }
  | { kind: "error"; error: ApiError };

export function outcomeOfJob(job: AIJob): GenerateOutcome {
  if (job.status === "awaiting_approval") {
    return { kind: "awaitingApproval", planId: job.plan, jobId: job.id, reasons: job.risk_reasons };
  }
  return { kind: "started", planId: job.plan, jobId: job.id };
}

export function outcomeOfError(error: ApiError): GenerateOutcome {
  if (error.code === "ai_not_configured") return { kind: "notConfigured" };
  if (error.code === "budget_exceeded") return { kind: "budget", message: error.message };
  return { kind: "error", error };
}

import type { AIJob } from "@/entities/ai-job";
import { roleAllows, type Role } from "@/entities/project";

/** Why an action is not offered; null when it is. Message keys under `aiJobsActions.reasons`. */
export type JobActionReason = "needsManager" | "needsEditor" | "notAwaiting" | "notRetryable" | "orphaned";

export interface JobActionRules {
  /** Approve and reject are shown for jobs awaiting approval, enabled for owners and managers. */
  showDecision: boolean;
  decisionReason: JobActionReason | null;
  /** Retry is shown for failed jobs and ones that need attention, enabled for who may run AI. */
  showRetry: boolean;
  retryReason: JobActionReason | null;
}

/** The server's rules (ai-jobs approve/reject: manage; retry: upload), so the UI disables what it would refuse. */
export function jobActionRules(job: Pick<AIJob, "status" | "plan">, role: Role | null | undefined): JobActionRules {
  const awaiting = job.status === "awaiting_approval";
  const retryable = job.status === "needs_attention" || job.status === "failed";
  const manager = roleAllows(role, "manage");
  const runner = roleAllows(role, "upload");
  return {
    showDecision: awaiting,
    decisionReason: !awaiting ? "notAwaiting" : manager ? null : "needsManager",
    showRetry: retryable,
    retryReason: !retryable ? "notRetryable" : !runner ? "needsEditor" : job.plan === null ? "orphaned" : null,
  };
}

import { baseApi } from "@/shared/api";
import { defineRealtime } from "@/shared/lib/redux";

import { aiJobApi } from "../api/ai-job-api";
import type { AIJob } from "./types";

/** Events after which the month's spend may have changed. */
const SPENDING = new Set(["ai_job.succeeded", "ai_job.failed", "ai_job.needs_attention", "ai_job.retrying"]);

function jobOf(data: unknown): AIJob | null {
  if (typeof data !== "object" || data === null) return null;
  const job = (data as { job?: unknown }).job;
  if (typeof job !== "object" || job === null) return null;
  const candidate = job as Partial<AIJob>;
  return typeof candidate.id === "string" && typeof candidate.status === "string" && typeof candidate.project === "string"
    ? (job as AIJob)
    : null;
}

/**
 * `ai_job.*` events carry the whole job: every cached queue gets it in place
 * (or on top when it is new and matches the list's filter), with no refetch.
 */
export const registerAIJobRealtime = defineRealtime({
  types: ["ai_job."],
  resyncStream: "project:",
  onResync: ({ dispatch }) => {
    dispatch(baseApi.util.invalidateTags(["AIJob", "AIUsage"]));
  },
  onEvent: ({ type, data }, { dispatch, getState }) => {
    const job = jobOf(data);
    if (!job) {
      dispatch(baseApi.util.invalidateTags([{ type: "AIJob", id: "LIST" }]));
      return;
    }
    for (const args of aiJobApi.util.selectCachedArgsForQuery(getState(), "listAIJobs")) {
      if (args.projectId !== job.project) continue;
      const matches = (!args.status || args.status === job.status) && (!args.kind || args.kind === job.kind);
      dispatch(
        aiJobApi.util.updateQueryData("listAIJobs", args, (draft) => {
          const index = draft.results.findIndex((item) => item.id === job.id);
          if (index >= 0 && matches) {
            draft.results[index] = job;
          } else if (index >= 0) {
            draft.results.splice(index, 1);
            draft.count -= 1;
          } else if (matches) {
            draft.results.unshift(job);
            draft.count += 1;
          }
        }),
      );
    }
    if (SPENDING.has(type)) {
      dispatch(baseApi.util.invalidateTags([{ type: "AIUsage", id: job.project }]));
    }
  },
});

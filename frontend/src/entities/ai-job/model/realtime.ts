import type { ListenerMiddlewareInstance } from "@reduxjs/toolkit";

import { baseApi } from "@/shared/api";
import type { ApiRootState, AppThunkDispatch } from "@/shared/lib/redux";
import { wsEventReceived, wsResyncRequested } from "@/shared/ws";

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
export function registerAIJobRealtime(
  listener: Pick<ListenerMiddlewareInstance<ApiRootState, AppThunkDispatch>, "startListening">,
): () => void {
  const stopResync = listener.startListening({
    actionCreator: wsResyncRequested,
    effect: (action, api) => {
      if (action.payload.stream?.startsWith("project:")) {
        api.dispatch(baseApi.util.invalidateTags(["AIJob", "AIUsage"]));
      }
    },
  });
  const stopEvents = listener.startListening({
    actionCreator: wsEventReceived,
    effect: (action, api) => {
      const { type, data } = action.payload;
      if (!type.startsWith("ai_job.")) return;
      const job = jobOf(data);
      if (!job) {
        api.dispatch(baseApi.util.invalidateTags([{ type: "AIJob", id: "LIST" }]));
        return;
      }
      for (const args of aiJobApi.util.selectCachedArgsForQuery(api.getState(), "listAIJobs")) {
        if (args.projectId !== job.project) continue;
        const matches = (!args.status || args.status === job.status) && (!args.kind || args.kind === job.kind);
        api.dispatch(
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
        api.dispatch(baseApi.util.invalidateTags([{ type: "AIUsage", id: job.project }]));
      }
    },
  });
  return () => {
    stopResync();
    stopEvents();
  };
}

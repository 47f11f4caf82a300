import type { ListenerMiddlewareInstance } from "@reduxjs/toolkit";

import type { ApiRootState, AppThunkDispatch } from "@/shared/lib/redux";
import { wsEventReceived } from "@/shared/ws";

import { feedbackApi } from "../api/feedback-api";
import { removeFromList, setReactionsInList, upsertInList } from "./cache";
import { isFeedback, type ReactionSummary } from "./types";

const VERSION_STREAM = "version:";

/**
 * Review-room events patch the cached list of the version whose stream they
 * came on (a carried-over comment arrives on every version it is listed on):
 * feedback.created/updated/resolved/reopened/triaged upsert, feedback.deleted
 * removes, reaction.* replace the reaction summary. No refetch.
 */
export function registerFeedbackRealtime(
  listener: Pick<ListenerMiddlewareInstance<ApiRootState, AppThunkDispatch>, "startListening">,
): () => void {
  return listener.startListening({
    actionCreator: wsEventReceived,
    effect: (action, api) => {
      const { type, stream, data } = action.payload;
      if (!stream?.startsWith(VERSION_STREAM)) return;
      if (!type.startsWith("feedback.") && !type.startsWith("reaction.")) return;
      const versionId = stream.slice(VERSION_STREAM.length);
      const cached = feedbackApi.util.selectCachedArgsForQuery(api.getState(), "listFeedback");
      if (!cached.includes(versionId)) return;

      const payload = (data ?? {}) as { feedback?: unknown; feedback_id?: unknown; parent_id?: unknown; reactions?: unknown };
      if (type.startsWith("reaction.")) {
        if (typeof payload.feedback_id !== "string" || !Array.isArray(payload.reactions)) return;
        const id = payload.feedback_id;
        const reactions = payload.reactions as ReactionSummary[];
        api.dispatch(
          feedbackApi.util.updateQueryData("listFeedback", versionId, (draft) => {
            setReactionsInList(draft, id, reactions);
          }),
        );
        return;
      }
      const feedback = payload.feedback;
      if (!isFeedback(feedback)) return;
      const listed = { ...feedback, carried_over: feedback.version_id !== versionId, replies: feedback.replies ?? [] };
      api.dispatch(
        feedbackApi.util.updateQueryData("listFeedback", versionId, (draft) => {
          if (type === "feedback.deleted") removeFromList(draft, listed.id, listed.parent_id);
          else upsertInList(draft, listed);
        }),
      );
    },
  });
}

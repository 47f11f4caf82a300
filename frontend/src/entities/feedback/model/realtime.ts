import { defineRealtime } from "@/shared/lib/redux";

import { feedbackApi } from "../api/feedback-api";
import { dropFromList, dropPendingTwin, removeFromList, setReactionsInList, upsertInList } from "./cache";
import { isFeedback, type ReactionSummary } from "./types";

/**
 * Review-room events patch the cached list of the version whose stream they
 * came on (a carried-over comment arrives on every version it is listed on):
 * feedback.created/updated/resolved/reopened/triaged upsert, feedback.deleted
 * removes, feedback.hidden (a comment made internal, sent to readers who may not
 * see internal notes: just its ids) drops it with its replies, reaction.* replace
 * the reaction summary. No refetch.
 */
export const registerFeedbackRealtime = defineRealtime({
  stream: "version:",
  types: ["feedback.", "reaction."],
  onEvent: ({ type, data }, { dispatch, getState, streamId }) => {
    const versionId = streamId!;
    const cached = feedbackApi.util.selectCachedArgsForQuery(getState(), "listFeedback");
    if (!cached.includes(versionId)) return;

    const payload = (data ?? {}) as { feedback?: unknown; feedback_id?: unknown; parent_id?: unknown; reactions?: unknown };
    if (type.startsWith("reaction.")) {
      if (typeof payload.feedback_id !== "string" || !Array.isArray(payload.reactions)) return;
      const id = payload.feedback_id;
      const reactions = payload.reactions as ReactionSummary[];
      dispatch(
        feedbackApi.util.updateQueryData("listFeedback", versionId, (draft) => {
          setReactionsInList(draft, id, reactions);
        }),
      );
      return;
    }
    const feedback = payload.feedback;
    if (type === "feedback.hidden") {
      const hidden = (feedback ?? {}) as { id?: unknown; parent_id?: unknown };
      if (typeof hidden.id !== "string") return;
      const id = hidden.id;
      const parentId = typeof hidden.parent_id === "string" ? hidden.parent_id : null;
      dispatch(
        feedbackApi.util.updateQueryData("listFeedback", versionId, (draft) => {
          dropFromList(draft, id, parentId);
        }),
      );
      return;
    }
    if (!isFeedback(feedback)) return;
    const listed = { ...feedback, carried_over: feedback.version_id !== versionId, replies: feedback.replies ?? [] };
    dispatch(
      feedbackApi.util.updateQueryData("listFeedback", versionId, (draft) => {
        if (type === "feedback.deleted") {
          removeFromList(draft, listed.id, listed.parent_id);
          return;
        }
        if (type === "feedback.created") dropPendingTwin(draft, listed);
        upsertInList(draft, listed);
      }),
    );
  },
});

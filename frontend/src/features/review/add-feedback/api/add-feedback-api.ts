import { feedbackApi, upsertInList, removeFromList, type Feedback, type FeedbackInput } from "@/entities/feedback";
import type { ReviewUser } from "@/entities/asset";
import { baseApi } from "@/shared/api";
import { frameToSmpte } from "@/shared/lib/timecode";

export interface AddFeedbackArgs {
  versionId: string;
  body: FeedbackInput;
  /** What the optimistic copy needs to look right until the server answers. */
  optimistic: { author: ReviewUser; fps: number; parentFrame?: number };
}

let sequence = 0;

/** The comment as it will most likely come back, shown at once with `pending`. */
export function buildOptimisticFeedback({ versionId, body, optimistic }: AddFeedbackArgs): Feedback {
  const frame = body.parent_id ? (optimistic.parentFrame ?? 0) : (body.frame ?? 0);
  const endFrame = body.parent_id ? null : (body.end_frame ?? null);
  const now = new Date().toISOString();
  sequence += 1;
  return {
    id: `pending-${Date.now()}-${sequence}`,
    version_id: versionId,
    version_number: 0,
    parent_id: body.parent_id ?? null,
    author: optimistic.author,
    guest_name: "",
    is_guest: false,
    body: body.body,
    frame,
    end_frame: endFrame,
    fps: optimistic.fps,
    timecode: frame / optimistic.fps,
    end_timecode: endFrame === null ? null : endFrame / optimistic.fps,
    smpte: frameToSmpte(frame, optimistic.fps),
    end_smpte: endFrame === null ? null : frameToSmpte(endFrame, optimistic.fps),
    annotation: body.annotation ?? null,
    internal: body.internal ?? false,
    mentions: [],
    reactions: [],
    resolved: false,
    resolved_by: null,
    resolved_at: null,
    edited_at: null,
    deleted: false,
    carried_over: false,
    urgent: body.urgent ?? false,
    // Known once the server answers (the map may change meanwhile).
    shot: null,
    created_at: now,
    updated_at: now,
    replies: [],
    triage: null,
    pending: true,
  };
}

export const addFeedbackApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    addFeedback: build.mutation<Feedback, AddFeedbackArgs>({
      query: ({ versionId, body }) => ({ url: `versions/${versionId}/feedback/`, method: "POST", body }),
      /*
       * Optimistic: the comment shows at once (marked pending). On success the
       * placeholder is swapped for the server's copy (which the room's
       * feedback.created event may already have inserted); on failure it is
       * taken out again and the caller shows why.
       */
      async onQueryStarted(args, { dispatch, queryFulfilled }) {
        const placeholder = buildOptimisticFeedback(args);
        dispatch(
          feedbackApi.util.updateQueryData("listFeedback", args.versionId, (draft) => {
            upsertInList(draft, placeholder);
          }),
        );
        try {
          const { data } = await queryFulfilled;
          dispatch(
            feedbackApi.util.updateQueryData("listFeedback", args.versionId, (draft) => {
              removeFromList(draft, placeholder.id, placeholder.parent_id);
              upsertInList(draft, { ...data, carried_over: false });
            }),
          );
        } catch {
          dispatch(
            feedbackApi.util.updateQueryData("listFeedback", args.versionId, (draft) => {
              removeFromList(draft, placeholder.id, placeholder.parent_id);
            }),
          );
        }
      },
    }),
  }),
});

export const { useAddFeedbackMutation } = addFeedbackApi;

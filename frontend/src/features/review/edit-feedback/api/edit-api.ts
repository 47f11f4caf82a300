import { feedbackApi, removeFromList, upsertInList, type Feedback } from "@/entities/feedback";
import { baseApi } from "@/shared/api";

export interface EditArgs {
  versionId: string;
  feedbackId: string;
  body: { body?: string; internal?: boolean; mention_ids?: string[] };
}

export interface DeleteArgs {
  versionId: string;
  feedbackId: string;
  parentId: string | null;
}

export const editFeedbackApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    editFeedback: build.mutation<Feedback, EditArgs>({
      query: ({ feedbackId, body }) => ({ url: `feedback/${feedbackId}/`, method: "PATCH", body }),
      async onQueryStarted({ versionId }, { dispatch, queryFulfilled }) {
        try {
          const { data } = await queryFulfilled;
          dispatch(
            feedbackApi.util.updateQueryData("listFeedback", versionId, (draft) => {
              upsertInList(draft, { ...data, carried_over: data.version_id !== versionId });
            }),
          );
        } catch {
          // Nothing was changed locally; the caller reports the error.
        }
      },
    }),
    deleteFeedback: build.mutation<void, DeleteArgs>({
      query: ({ feedbackId }) => ({ url: `feedback/${feedbackId}/`, method: "DELETE" }),
      async onQueryStarted({ versionId, feedbackId, parentId }, { dispatch, queryFulfilled }) {
        const patch = dispatch(
          feedbackApi.util.updateQueryData("listFeedback", versionId, (draft) => {
            removeFromList(draft, feedbackId, parentId);
          }),
        );
        try {
          await queryFulfilled;
        } catch {
          patch.undo();
        }
      },
    }),
  }),
});

export const { useEditFeedbackMutation, useDeleteFeedbackMutation } = editFeedbackApi;

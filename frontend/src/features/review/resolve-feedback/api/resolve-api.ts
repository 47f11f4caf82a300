import { feedbackApi, patchInList, upsertInList, type Feedback } from "@/entities/feedback";
import { baseApi } from "@/shared/api";

export interface ResolveArgs {
  versionId: string;
  feedbackId: string;
  resolved: boolean;
}

export const resolveFeedbackApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    resolveFeedback: build.mutation<Feedback, ResolveArgs>({
      query: ({ feedbackId, resolved }) => ({ url: `feedback/${feedbackId}/resolve/`, method: "POST", body: { resolved } }),
      // Optimistic flip; undone (and reported by the caller) when the server refuses.
      async onQueryStarted({ versionId, feedbackId, resolved }, { dispatch, queryFulfilled }) {
        const patch = dispatch(
          feedbackApi.util.updateQueryData("listFeedback", versionId, (draft) => {
            patchInList(draft, feedbackId, { resolved, resolved_at: resolved ? new Date().toISOString() : null });
          }),
        );
        try {
          const { data } = await queryFulfilled;
          dispatch(
            feedbackApi.util.updateQueryData("listFeedback", versionId, (draft) => {
              upsertInList(draft, { ...data, carried_over: data.version_id !== versionId });
            }),
          );
        } catch {
          patch.undo();
        }
      },
    }),
  }),
});

export const { useResolveFeedbackMutation } = resolveFeedbackApi;

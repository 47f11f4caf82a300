import { feedbackApi, findInList, setReactionsInList, toggleReaction, type ReactionSummary } from "@/entities/feedback";
import { baseApi } from "@/shared/api";

export interface ReactArgs {
  versionId: string;
  feedbackId: string;
  emoji: string;
  userId: string;
  on: boolean;
}

export const reactionsApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    react: build.mutation<{ feedback_id: string; reactions: ReactionSummary[] } | null, ReactArgs>({
      query: ({ feedbackId, emoji, on }) =>
        on
          ? { url: `feedback/${feedbackId}/reactions/`, method: "POST", body: { emoji } }
          : { url: `feedback/${feedbackId}/reactions/`, method: "DELETE", params: { emoji } },
      async onQueryStarted({ versionId, feedbackId, emoji, userId, on }, { dispatch, queryFulfilled }) {
        const patch = dispatch(
          feedbackApi.util.updateQueryData("listFeedback", versionId, (draft) => {
            const item = findInList(draft, feedbackId);
            if (item) setReactionsInList(draft, feedbackId, toggleReaction(item.reactions, emoji, userId, on));
          }),
        );
        try {
          const { data } = await queryFulfilled;
          if (data?.reactions) {
            dispatch(
              feedbackApi.util.updateQueryData("listFeedback", versionId, (draft) => {
                setReactionsInList(draft, feedbackId, data.reactions);
              }),
            );
          }
        } catch {
          patch.undo();
        }
      },
    }),
  }),
});

export const { useReactMutation } = reactionsApi;

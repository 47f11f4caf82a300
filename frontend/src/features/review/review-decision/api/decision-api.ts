import { upsertVersion, type Version } from "@/entities/version";
import { baseApi } from "@/shared/api";
import type { ApiRootState } from "@/shared/lib/redux";

export interface DecideArgs {
  versionId: string;
  review_status: "approved" | "changes_requested" | "in_review";
  review_comment?: string;
}

export const decisionApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    decide: build.mutation<Version, DecideArgs>({
      query: ({ versionId, ...body }) => ({ url: `versions/${versionId}/`, method: "PATCH", body }),
      async onQueryStarted(_args, { dispatch, getState, queryFulfilled }) {
        try {
          const { data } = await queryFulfilled;
          upsertVersion(dispatch, getState() as ApiRootState, data);
        } catch {
          // Reported by the caller.
        }
      },
    }),
  }),
});

export const { useDecideMutation } = decisionApi;

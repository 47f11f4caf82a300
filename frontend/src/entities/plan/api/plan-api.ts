import { baseApi } from "@/shared/api";

import type { Brief, BriefInput, PagedList, Plan, PlanResult, PlanRevision, PlanSummary } from "../model/types";

/** Tag ids: a plan by its id, its revisions under `<id>:revisions`, lists under `LIST`. */
export const revisionsTag = (planId: string) => ({ type: "Plan" as const, id: `${planId}:revisions` });
export const briefPlansTag = (briefId: string) => ({ type: "Plan" as const, id: `brief:${briefId}` });

export const planApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    listBriefs: build.query<PagedList<Brief>, string>({
      query: (projectId) => ({ url: `projects/${projectId}/briefs/`, params: { page_size: 100 } }),
      providesTags: (result) => [
        { type: "Brief", id: "LIST" },
        ...(result?.results ?? []).map((brief) => ({ type: "Brief" as const, id: brief.id })),
      ],
    }),
    getBrief: build.query<Brief, string>({
      query: (id) => `briefs/${id}/`,
      providesTags: (_result, _error, id) => [{ type: "Brief", id }],
    }),
    createBrief: build.mutation<Brief, { projectId: string; body: BriefInput }>({
      query: ({ projectId, body }) => ({ url: `projects/${projectId}/briefs/`, method: "POST", body }),
      invalidatesTags: [{ type: "Brief", id: "LIST" }],
    }),
    updateBrief: build.mutation<Brief, { id: string; body: Partial<BriefInput> }>({
      query: ({ id, body }) => ({ url: `briefs/${id}/`, method: "PATCH", body }),
      invalidatesTags: (_result, _error, { id }) => [{ type: "Brief", id }],
    }),
    deleteBrief: build.mutation<void, string>({
      query: (id) => ({ url: `briefs/${id}/`, method: "DELETE" }),
      invalidatesTags: [{ type: "Brief", id: "LIST" }],
    }),
    listBriefPlans: build.query<PagedList<PlanSummary>, string>({
      query: (briefId) => ({ url: `briefs/${briefId}/plans/`, params: { page_size: 20 } }),
      providesTags: (_result, _error, briefId) => [briefPlansTag(briefId)],
    }),
    getPlan: build.query<Plan, string>({
      query: (id) => `plans/${id}/`,
      providesTags: (_result, _error, id) => [{ type: "Plan", id }],
    }),
    editPlan: build.mutation<Plan, { id: string; result: PlanResult; baseRevision: number }>({
      query: ({ id, result, baseRevision }) => ({
        url: `plans/${id}/`,
        method: "PATCH",
        body: { result, base_revision: baseRevision },
      }),
      async onQueryStarted({ id, result }, { dispatch, queryFulfilled }) {
        // Optimistic: the table shows the edit at once and rolls back if the server refuses it.
        const patch = dispatch(
          planApi.util.updateQueryData("getPlan", id, (draft) => {
            draft.result = result;
          }),
        );
        try {
          const { data } = await queryFulfilled;
          dispatch(planApi.util.upsertQueryData("getPlan", id, data));
        } catch {
          patch.undo();
        }
      },
      invalidatesTags: (_result, error, { id }) => (error ? [{ type: "Plan", id }] : [revisionsTag(id)]),
    }),
    listRevisions: build.query<PagedList<PlanRevision>, string>({
      query: (planId) => ({ url: `plans/${planId}/revisions/`, params: { page_size: 50 } }),
      providesTags: (_result, _error, planId) => [revisionsTag(planId)],
    }),
    restoreRevision: build.mutation<Plan, { planId: string; number: number }>({
      query: ({ planId, number }) => ({ url: `plans/${planId}/revisions/${number}/restore/`, method: "POST" }),
      async onQueryStarted({ planId }, { dispatch, queryFulfilled }) {
        try {
          const { data } = await queryFulfilled;
          dispatch(planApi.util.upsertQueryData("getPlan", planId, data));
        } catch {
          // The caller shows the error.
        }
      },
      invalidatesTags: (_result, _error, { planId }) => [revisionsTag(planId)],
    }),
  }),
});

export const {
  useListBriefsQuery,
  useGetBriefQuery,
  useCreateBriefMutation,
  useUpdateBriefMutation,
  useDeleteBriefMutation,
  useListBriefPlansQuery,
  useGetPlanQuery,
  useEditPlanMutation,
  useListRevisionsQuery,
  useRestoreRevisionMutation,
} = planApi;

import type { Brief, PagedList, PlanSummary } from "@/entities/plan";
import { SHOT_MAPS_TAG } from "@/entities/shot-map";
import { baseApi, type ApiError, type Schemas } from "@/shared/api";

/** A finished plan of the project an asset can be linked to. */
export interface LinkablePlan {
  id: string;
  title: string;
  createdAt: string;
}

type PlanLink = Schemas["PlanLinkOut"];

/** Finished plans first by newest, titled by their brief. */
export function linkablePlans(briefs: readonly Brief[], plansByBrief: ReadonlyArray<readonly PlanSummary[]>): LinkablePlan[] {
  return briefs
    .flatMap((brief, index) =>
      (plansByBrief[index] ?? [])
        .filter((plan) => plan.status === "succeeded")
        .map((plan) => ({ id: plan.id, title: brief.title, createdAt: plan.created_at })),
    )
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export const linkPlanApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    /** The project's finished plans (its briefs', a brief's plans each). */
    listLinkablePlans: build.query<LinkablePlan[], string>({
      async queryFn(projectId, _api, _extra, baseQuery) {
        const briefs = await baseQuery(`projects/${projectId}/briefs/?page_size=100`);
        if (briefs.error) return { error: briefs.error as ApiError };
        const list = (briefs.data as PagedList<Brief>).results;
        const pages = await Promise.all(list.map((brief) => baseQuery(`briefs/${brief.id}/plans/?page_size=20`)));
        const failed = pages.find((page) => page.error);
        if (failed) return { error: failed.error as ApiError };
        return { data: linkablePlans(list, pages.map((page) => (page.data as PagedList<PlanSummary>).results)) };
      },
      providesTags: [{ type: "Brief", id: "LIST" }],
    }),
    /** Link the asset to a plan of its project: its versions get the plan's shots. */
    linkPlan: build.mutation<PlanLink, { assetId: string; planId: string }>({
      query: ({ assetId, planId }) => ({ url: `assets/${assetId}/plan-link/`, method: "PUT", body: { plan_id: planId } }),
      invalidatesTags: (_result, error, { assetId }) => (error ? [] : [{ type: "Asset", id: assetId }, SHOT_MAPS_TAG]),
    }),
    unlinkPlan: build.mutation<void, string>({
      query: (assetId) => ({ url: `assets/${assetId}/plan-link/`, method: "DELETE" }),
      invalidatesTags: (_result, error, assetId) => (error ? [] : [{ type: "Asset", id: assetId }, SHOT_MAPS_TAG]),
    }),
  }),
});

export const { useListLinkablePlansQuery, useLinkPlanMutation, useUnlinkPlanMutation } = linkPlanApi;

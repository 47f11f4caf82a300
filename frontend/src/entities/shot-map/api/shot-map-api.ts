import { baseApi } from "@/shared/api";

import type { ShotFeedback, ShotMap, ShotRange } from "../model/types";

/*
 * A shot map belongs to its version and the per-shot counts to their plan: their tags are
 * `Version`/`Plan` ones, so a resync of either stream refetches them with the rest.
 */
export const shotMapTag = (versionId: string) => ({ type: "Version" as const, id: `${versionId}:shot-map` });
/** Every cached map: a plan (un)linked changes all of an asset's versions. */
export const SHOT_MAPS_TAG = { type: "Version" as const, id: "shot-maps" };
export const shotFeedbackTag = (planId: string) => ({ type: "Plan" as const, id: `${planId}:shot-feedback` });

/** The map with the saved ranges applied (what the server will answer, shown before it does). */
export function withRanges(map: ShotMap, ranges: readonly ShotRange[]): ShotMap {
  const byId = new Map(map.shots.map((shot) => [shot.shot_id, shot]));
  const shots = ranges.flatMap((range) => {
    const shot = byId.get(range.shot_id);
    return shot ? [{ ...shot, start_frame: range.start_frame, end_frame: range.end_frame }] : [];
  });
  return { ...map, source: "edited", shots };
}

export const shotMapApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    getShotMap: build.query<ShotMap, string>({
      query: (versionId) => `versions/${versionId}/shot-map/`,
      providesTags: (_result, _error, versionId) => [shotMapTag(versionId), SHOT_MAPS_TAG],
    }),
    /** Save the whole map; optimistic: the lane shows it at once and goes back if refused. */
    saveShotMap: build.mutation<ShotMap, { versionId: string; shots: ShotRange[] }>({
      query: ({ versionId, shots }) => ({ url: `versions/${versionId}/shot-map/`, method: "PUT", body: { shots } }),
      async onQueryStarted({ versionId, shots }, { dispatch, queryFulfilled }) {
        const patch = dispatch(
          shotMapApi.util.updateQueryData("getShotMap", versionId, (draft) => withRanges(draft, shots)),
        );
        try {
          const { data } = await queryFulfilled;
          dispatch(shotMapApi.util.upsertQueryData("getShotMap", versionId, data));
        } catch {
          patch.undo();
        }
      },
    }),
    getPlanShotFeedback: build.query<ShotFeedback[], string>({
      query: (planId) => `plans/${planId}/shot-feedback/`,
      providesTags: (_result, _error, planId) => [shotFeedbackTag(planId)],
    }),
  }),
});

export const { useGetShotMapQuery, useSaveShotMapMutation, useGetPlanShotFeedbackQuery } = shotMapApi;

import { baseApi } from "@/shared/api";
import { defineRealtime } from "@/shared/lib/redux";

import { shotFeedbackTag, shotMapApi, shotMapTag } from "../api/shot-map-api";
import { isShotMap } from "./types";

/**
 * `shot_map.updated` on a version's stream (a teammate saved the map, or the asset's plan
 * link changed) replaces the cached map in place; a resync refetches it.
 */
export const registerShotMapRealtime = defineRealtime({
  stream: "version:",
  types: ["shot_map."],
  onEvent: ({ data }, { dispatch, getState, streamId }) => {
    const map = (data as { shot_map?: unknown } | null)?.shot_map;
    if (!isShotMap(map) || map.version_id !== streamId) return;
    if (!shotMapApi.util.selectCachedArgsForQuery(getState(), "getShotMap").includes(map.version_id)) return;
    dispatch(shotMapApi.util.upsertQueryData("getShotMap", map.version_id, map));
  },
  onResync: ({ dispatch, streamId }) => {
    if (streamId) dispatch(baseApi.util.invalidateTags([shotMapTag(streamId)]));
  },
});

/**
 * `plan.shot_feedback.changed` on the project stream (a comment came, went or was resolved on
 * a linked cut, a map was saved, a link changed): refetch that plan's per-shot counts, which
 * the server counts as each reader may see them.
 */
export const registerShotFeedbackRealtime = defineRealtime({
  stream: "project:",
  types: ["plan.shot_feedback."],
  onEvent: ({ data }, { dispatch }) => {
    const planId = (data as { plan_id?: unknown } | null)?.plan_id;
    if (typeof planId === "string") dispatch(baseApi.util.invalidateTags([shotFeedbackTag(planId)]));
  },
});

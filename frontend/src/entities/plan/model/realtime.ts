import { baseApi } from "@/shared/api";
import { defineRealtime } from "@/shared/lib/redux";

import { briefPlansTag, planApi, revisionsTag } from "../api/plan-api";
import { applyPlanEvent, PLAN_PROGRESS, PLAN_SUCCEEDED, planIdOf, toPlanEvent } from "./progress";

/**
 * Feed the project stream's plan and brief events into the cache: progress
 * moves the bar with no refetch; a finished plan refetches its content and
 * revisions; brief changes by teammates refresh the brief list.
 */
export const registerPlanRealtime = defineRealtime({
  resyncStream: "project:",
  onResync: ({ dispatch }) => {
    dispatch(baseApi.util.invalidateTags(["Brief", "Plan"]));
  },
  onEvent: ({ type, data }, { dispatch, getState }) => {
    if (type.startsWith("brief.")) {
      dispatch(baseApi.util.invalidateTags([{ type: "Brief", id: "LIST" }]));
      return;
    }
    const event = toPlanEvent(type, data);
    if (!event) return;
    const planId = planIdOf(event);
    dispatch(planApi.util.updateQueryData("getPlan", planId, (draft) => applyPlanEvent(draft, event)));
    for (const briefId of planApi.util.selectCachedArgsForQuery(getState(), "listBriefPlans")) {
      dispatch(
        planApi.util.updateQueryData("listBriefPlans", briefId, (draft) => {
          draft.results = draft.results.map((plan) => applyPlanEvent(plan, event));
        }),
      );
    }
    if (event.type !== PLAN_PROGRESS) {
      const tags = [{ type: "Plan" as const, id: planId }, revisionsTag(planId)];
      if (event.type === PLAN_SUCCEEDED) tags.push(briefPlansTag(event.data.plan.brief));
      dispatch(baseApi.util.invalidateTags(tags));
    }
  },
});

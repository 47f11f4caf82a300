import type { ListenerMiddlewareInstance } from "@reduxjs/toolkit";

import { baseApi } from "@/shared/api";
import type { ApiRootState, AppThunkDispatch } from "@/shared/lib/redux";
import { wsEventReceived, wsResyncRequested } from "@/shared/ws";

import { briefPlansTag, planApi, revisionsTag } from "../api/plan-api";
import { applyPlanEvent, PLAN_PROGRESS, PLAN_SUCCEEDED, planIdOf, toPlanEvent } from "./progress";

/**
 * Feed the project stream's plan and brief events into the cache: progress
 * moves the bar with no refetch; a finished plan refetches its content and
 * revisions; brief changes by teammates refresh the brief list.
 */
export function registerPlanRealtime(
  listener: Pick<ListenerMiddlewareInstance<ApiRootState, AppThunkDispatch>, "startListening">,
): () => void {
  // A project stream that could not replay a gap: refetch what its events would have updated.
  const stopResync = listener.startListening({
    actionCreator: wsResyncRequested,
    effect: (action, api) => {
      if (action.payload.stream?.startsWith("project:")) {
        api.dispatch(baseApi.util.invalidateTags(["Brief", "Plan"]));
      }
    },
  });
  const stopEvents = listener.startListening({
    actionCreator: wsEventReceived,
    effect: (action, api) => {
      const { type, data } = action.payload;
      if (type.startsWith("brief.")) {
        api.dispatch(baseApi.util.invalidateTags([{ type: "Brief", id: "LIST" }]));
        return;
      }
      const event = toPlanEvent(type, data);
      if (!event) return;
      const planId = planIdOf(event);
      api.dispatch(planApi.util.updateQueryData("getPlan", planId, (draft) => applyPlanEvent(draft, event)));
      for (const briefId of planApi.util.selectCachedArgsForQuery(api.getState(), "listBriefPlans")) {
        api.dispatch(
          planApi.util.updateQueryData("listBriefPlans", briefId, (draft) => {
            draft.results = draft.results.map((plan) => applyPlanEvent(plan, event));
          }),
        );
      }
      if (event.type !== PLAN_PROGRESS) {
        const tags = [{ type: "Plan" as const, id: planId }, revisionsTag(planId)];
        if (event.type === PLAN_SUCCEEDED) tags.push(briefPlansTag(event.data.plan.brief));
        api.dispatch(baseApi.util.invalidateTags(tags));
      }
    },
  });
  return () => {
    stopResync();
    stopEvents();
  };
}

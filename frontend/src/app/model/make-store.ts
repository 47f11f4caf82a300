import { combineSlices, configureStore, createListenerMiddleware } from "@reduxjs/toolkit";

import { registerAIJobRealtime } from "@/entities/ai-job";
import { registerAnalyticsRealtime } from "@/entities/analytics";
import { registerFeedbackRealtime } from "@/entities/feedback";
import { registerNotificationRealtime } from "@/entities/notification";
import { registerPlanRealtime } from "@/entities/plan";
import { registerProjectRealtime } from "@/entities/project";
import { sessionSlice } from "@/entities/session";
import { registerVersionRealtime } from "@/entities/version";
import { registerDigestRealtime } from "@/entities/version-digest";
import { baseApi } from "@/shared/api";
import type { ApiRootState, AppThunkDispatch } from "@/shared/lib/redux";
import { realtimeSlice } from "@/shared/ws";

const rootReducer = combineSlices(baseApi, sessionSlice, realtimeSlice);

/**
 * One store per browser tab (and per request on the server, where it stays
 * empty). Created with `useState(makeStore)` in the provider.
 */
export function makeStore() {
  const listener = createListenerMiddleware<ApiRootState, AppThunkDispatch>();
  registerNotificationRealtime(listener);
  registerProjectRealtime(listener);
  registerPlanRealtime(listener);
  registerAIJobRealtime(listener);
  registerAnalyticsRealtime(listener);
  registerFeedbackRealtime(listener);
  registerVersionRealtime(listener);
  registerDigestRealtime(listener);

  return configureStore({
    reducer: rootReducer,
    middleware: (getDefaultMiddleware) =>
      getDefaultMiddleware().prepend(listener.middleware).concat(baseApi.middleware),
  });
}

export type AppStore = ReturnType<typeof makeStore>;
export type RootState = ReturnType<typeof rootReducer>;
export type AppDispatch = AppStore["dispatch"];

import { combineSlices, configureStore, createListenerMiddleware } from "@reduxjs/toolkit";

import { sessionSlice } from "@/entities/session";
import { baseApi } from "@/shared/api";
import type { ApiRootState, AppThunkDispatch } from "@/shared/lib/redux";
import { realtimeSlice } from "@/shared/ws";

const rootReducer = combineSlices(baseApi, sessionSlice, realtimeSlice);

/**
 * One store per browser tab (and per request on the server, where it stays
 * empty). Created with `useState(makeStore)` in the provider.
 *
 * The listener middleware starts empty: pages and widgets start the realtime
 * listeners of the areas they show (`useRealtimeListeners`), so no route carries
 * every area's entity code.
 */
export function makeStore() {
  const listener = createListenerMiddleware<ApiRootState, AppThunkDispatch>();
  return configureStore({
    reducer: rootReducer,
    middleware: (getDefaultMiddleware) =>
      getDefaultMiddleware().prepend(listener.middleware).concat(baseApi.middleware),
  });
}

export type AppStore = ReturnType<typeof makeStore>;
export type RootState = ReturnType<typeof rootReducer>;
export type AppDispatch = AppStore["dispatch"];

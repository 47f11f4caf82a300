import type { ThunkDispatch, UnknownAction } from "@reduxjs/toolkit";
import { useDispatch } from "react-redux";

import type { baseApi } from "@/shared/api";

/** The part of the root state every layer may rely on: the API cache. */
export interface ApiRootState {
  api: ReturnType<typeof baseApi.reducer>;
}

/**
 * Dispatch that accepts RTK Query thunks. Layers below `app` cannot import
 * the store's own types, and need nothing more than this.
 */
export type AppThunkDispatch = ThunkDispatch<ApiRootState, unknown, UnknownAction>;

export const useAppDispatch = useDispatch.withTypes<AppThunkDispatch>();

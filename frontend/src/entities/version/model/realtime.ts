import type { ListenerMiddlewareInstance } from "@reduxjs/toolkit";

import { baseApi } from "@/shared/api";
import type { ApiRootState, AppThunkDispatch } from "@/shared/lib/redux";
import { wsEventReceived } from "@/shared/ws";

import { upsertVersion } from "./cache";
import { isVersion } from "./types";

/**
 * `version.*` events (review room and project stream) update the cached
 * version and its asset's list in place; `asset.*` refetches the asset lists.
 */
export function registerVersionRealtime(
  listener: Pick<ListenerMiddlewareInstance<ApiRootState, AppThunkDispatch>, "startListening">,
): () => void {
  return listener.startListening({
    actionCreator: wsEventReceived,
    effect: (action, api) => {
      const { type, data } = action.payload;
      if (type.startsWith("version.")) {
        const version = (data as { version?: unknown } | null)?.version;
        if (isVersion(version)) upsertVersion(api.dispatch, api.getState(), version);
        else api.dispatch(baseApi.util.invalidateTags(["Version", "Asset"]));
      } else if (type.startsWith("asset.")) {
        api.dispatch(baseApi.util.invalidateTags(["Asset"]));
      }
    },
  });
}

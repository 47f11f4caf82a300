import { baseApi } from "@/shared/api";
import { defineRealtime } from "@/shared/lib/redux";

import { upsertVersion } from "./cache";
import { isVersion } from "./types";

/**
 * `version.*` events (review room and project stream) update the cached
 * version and its asset's list in place; `asset.*` refetches the asset lists.
 */
export const registerVersionRealtime = defineRealtime({
  types: ["version.", "asset."],
  onEvent: ({ type, data }, { dispatch, getState }) => {
    if (type.startsWith("version.")) {
      const version = (data as { version?: unknown } | null)?.version;
      if (isVersion(version)) upsertVersion(dispatch, getState(), version);
      else dispatch(baseApi.util.invalidateTags(["Version", "Asset"]));
    } else {
      dispatch(baseApi.util.invalidateTags(["Asset"]));
    }
  },
});

import type { ThunkDispatch, UnknownAction } from "@reduxjs/toolkit";

import { baseApi } from "@/shared/api";
import type { ApiRootState } from "@/shared/lib/redux";

import { versionApi } from "../api/version-api";
import { keepMediaUrls, withAbsoluteUrls, type Version } from "./types";

type Dispatch = ThunkDispatch<ApiRootState, unknown, UnknownAction>;

/**
 * Put a fresh version (from an event or a mutation answer) into every cached
 * place it appears: its own query and its asset's version list; the asset
 * lists (poster, status) are refetched. Media URLs of the same file are kept.
 */
export function upsertVersion(dispatch: Dispatch, state: ApiRootState, incoming: Version): void {
  const version = withAbsoluteUrls(incoming);
  dispatch(
    versionApi.util.updateQueryData("getVersion", version.id, (draft) => {
      Object.assign(draft, keepMediaUrls(draft, version));
    }),
  );
  const listed = versionApi.util
    .selectCachedArgsForQuery(state, "listVersions")
    .filter((assetId) => assetId === version.asset_id);
  for (const assetId of listed) {
    dispatch(
      versionApi.util.updateQueryData("listVersions", assetId, (draft) => {
        const index = draft.findIndex((item) => item.id === version.id);
        const current = draft[index];
        if (current) draft[index] = keepMediaUrls(current, version);
        else if (version.status !== "uploading") {
          draft.push(version);
          draft.sort((a, b) => b.number - a.number);
        }
      }),
    );
  }
  dispatch(baseApi.util.invalidateTags([{ type: "Asset", id: version.asset_id }, { type: "Asset", id: `PROJECT-${version.project_id}` }]));
}

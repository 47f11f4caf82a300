import { baseApi } from "@/shared/api";

import type { Asset, AssetInput, PagedList } from "../model/types";

export const assetApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    listProjectAssets: build.query<Asset[], string>({
      query: (projectId) => ({ url: `projects/${projectId}/assets/`, params: { page_size: 100 } }),
      transformResponse: (page: PagedList<Asset>) => page.results,
      providesTags: (result, _error, projectId) => [
        { type: "Asset", id: `PROJECT-${projectId}` },
        ...(result ?? []).map((asset) => ({ type: "Asset" as const, id: asset.id })),
      ],
    }),
    getAsset: build.query<Asset, string>({
      query: (assetId) => `assets/${assetId}/`,
      providesTags: (_result, _error, assetId) => [{ type: "Asset", id: assetId }],
    }),
    createAsset: build.mutation<Asset, { projectId: string; body: AssetInput }>({
      query: ({ projectId, body }) => ({ url: `projects/${projectId}/assets/`, method: "POST", body }),
      invalidatesTags: (_result, _error, { projectId }) => [{ type: "Asset", id: `PROJECT-${projectId}` }],
    }),
  }),
});

export const {
  useListProjectAssetsQuery,
  useGetAssetQuery,
  useCreateAssetMutation,
} = assetApi;

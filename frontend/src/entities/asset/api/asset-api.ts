import { baseApi } from "@/shared/api";

import type { Asset, AssetInput, PagedList, ReviewMember, ReviewProject } from "../model/types";

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
    // The project name and the caller's role, and the members for @mentions.
    getReviewProject: build.query<ReviewProject, string>({
      query: (projectId) => `projects/${projectId}/`,
      providesTags: (_result, _error, projectId) => [{ type: "Project", id: projectId }],
    }),
    listReviewMembers: build.query<ReviewMember[], string>({
      query: (projectId) => `projects/${projectId}/members/`,
      providesTags: (_result, _error, projectId) => [{ type: "Member", id: `PROJECT-${projectId}` }],
    }),
  }),
});

export const {
  useListProjectAssetsQuery,
  useGetAssetQuery,
  useCreateAssetMutation,
  useGetReviewProjectQuery,
  useListReviewMembersQuery,
} = assetApi;

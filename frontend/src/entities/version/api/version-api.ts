import { baseApi } from "@/shared/api";

import { withAbsoluteUrls, type Version } from "../model/types";

interface PagedList<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

export const versionApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    listVersions: build.query<Version[], string>({
      query: (assetId) => ({ url: `assets/${assetId}/versions/`, params: { page_size: 100 } }),
      transformResponse: (page: PagedList<Version>) =>
        page.results.map(withAbsoluteUrls).sort((a, b) => b.number - a.number),
      providesTags: (result, _error, assetId) => [
        { type: "Version", id: `ASSET-${assetId}` },
        ...(result ?? []).map((version) => ({ type: "Version" as const, id: version.id })),
      ],
    }),
    getVersion: build.query<Version, string>({
      query: (versionId) => `versions/${versionId}/`,
      transformResponse: withAbsoluteUrls,
      providesTags: (_result, _error, versionId) => [{ type: "Version", id: versionId }],
    }),
  }),
});

export const { useListVersionsQuery, useGetVersionQuery } = versionApi;

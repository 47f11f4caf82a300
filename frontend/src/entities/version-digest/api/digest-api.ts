import { baseApi, type Schemas } from "@/shared/api";

import type { VersionDigest } from "../model/types";

export const digestTag = (versionId: string) => ({ type: "AIJob" as const, id: `DIGEST-${versionId}` });

export const digestApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    /** The latest digest of a version, or null when none was asked for yet (`{"digest": null}`). */
    getVersionDigest: build.query<VersionDigest | null, string>({
      query: (versionId) => `versions/${versionId}/digest/`,
      transformResponse: (response: Schemas["VersionDigestLatestOut"]) => (response.digest as VersionDigest | null) ?? null,
      providesTags: (_result, _error, versionId) => [digestTag(versionId)],
    }),
    /** Ask for a digest (202): the answer becomes the cached latest digest at once. */
    requestVersionDigest: build.mutation<VersionDigest, string>({
      query: (versionId) => ({ url: `versions/${versionId}/digest/`, method: "POST" }),
      async onQueryStarted(versionId, { dispatch, queryFulfilled }) {
        try {
          const { data } = await queryFulfilled;
          dispatch(
            digestApi.util.upsertQueryData("getVersionDigest", versionId, {
              ...data,
              progress: { step: data.status, percent: 0 },
            }),
          );
        } catch {
          // The widget shows the error.
        }
      },
      invalidatesTags: (_result, error) => (error ? [] : [{ type: "AIJob", id: "LIST" }]),
    }),
  }),
});

export const { useGetVersionDigestQuery, useRequestVersionDigestMutation } = digestApi;

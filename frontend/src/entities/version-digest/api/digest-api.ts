import { baseApi, type ApiError } from "@/shared/api";

import type { VersionDigest } from "../model/types";

export const digestTag = (versionId: string) => ({ type: "AIJob" as const, id: `DIGEST-${versionId}` });

export const digestApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    /** The latest digest of a version, or null when none was asked for yet (404 `no_digest`). */
    getVersionDigest: build.query<VersionDigest | null, string>({
      async queryFn(versionId, _api, _extra, baseQuery) {
        const result = await baseQuery(`versions/${versionId}/digest/`);
        if (result.error) {
          const error = result.error as ApiError;
          return error.code === "no_digest" ? { data: null } : { error };
        }
        return { data: result.data as VersionDigest };
      },
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

import { upsertVersion, type Version } from "@/entities/version";
import { baseApi } from "@/shared/api";
import type { ApiRootState } from "@/shared/lib/redux";

import type { PartUrl, UploadSession } from "../model/multipart";

export const uploadApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    startUpload: build.mutation<UploadSession, { assetId: string; name: string; size: number; content_type: string }>({
      query: ({ assetId, ...body }) => ({ url: `assets/${assetId}/uploads/`, method: "POST", body }),
    }),
    uploadStatus: build.mutation<UploadSession, string>({
      query: (uploadId) => ({ url: `uploads/${uploadId}/`, method: "GET" }),
    }),
    uploadPartUrls: build.mutation<{ parts: PartUrl[] }, { uploadId: string; numbers: number[] }>({
      query: ({ uploadId, numbers }) => ({ url: `uploads/${uploadId}/parts/`, method: "POST", body: { numbers } }),
    }),
    completeUpload: build.mutation<Version, { uploadId: string; parts: Array<{ number: number; etag: string }> }>({
      query: ({ uploadId, parts }) => ({ url: `uploads/${uploadId}/complete/`, method: "POST", body: { parts } }),
      async onQueryStarted(_args, { dispatch, getState, queryFulfilled }) {
        try {
          const { data } = await queryFulfilled;
          upsertVersion(dispatch, getState() as ApiRootState, data);
        } catch {
          // Reported by the uploader.
        }
      },
    }),
    abortUpload: build.mutation<void, string>({
      query: (uploadId) => ({ url: `uploads/${uploadId}/`, method: "DELETE" }),
    }),
  }),
});

export const {
  useStartUploadMutation,
  useUploadStatusMutation,
  useUploadPartUrlsMutation,
  useCompleteUploadMutation,
  useAbortUploadMutation,
} = uploadApi;

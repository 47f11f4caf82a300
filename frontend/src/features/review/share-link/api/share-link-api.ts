import { baseApi } from "@/shared/api";
import type { ReviewUser } from "@/entities/asset";

export interface ShareLink {
  id: string;
  version_id: string;
  token: string;
  url: string;
  label: string;
  permission: "view" | "comment";
  has_password: boolean;
  state: string;
  expires_at: string;
  revoked_at: string | null;
  created_by: ReviewUser | null;
  created_at: string;
}

export interface ShareLinkInput {
  permission: "view" | "comment";
  expires_in_days: number;
  password?: string;
  label?: string;
}

export const shareLinkApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    listShareLinks: build.query<ShareLink[], string>({
      query: (versionId) => `versions/${versionId}/share-links/`,
      providesTags: (_result, _error, versionId) => [{ type: "ShareLink", id: versionId }],
    }),
    createShareLink: build.mutation<ShareLink, { versionId: string; body: ShareLinkInput }>({
      query: ({ versionId, body }) => ({ url: `versions/${versionId}/share-links/`, method: "POST", body }),
      invalidatesTags: (_result, _error, { versionId }) => [{ type: "ShareLink", id: versionId }],
    }),
    revokeShareLink: build.mutation<void, { versionId: string; linkId: string }>({
      query: ({ linkId }) => ({ url: `share-links/${linkId}/`, method: "DELETE" }),
      invalidatesTags: (_result, _error, { versionId }) => [{ type: "ShareLink", id: versionId }],
    }),
  }),
});

export const { useListShareLinksQuery, useCreateShareLinkMutation, useRevokeShareLinkMutation } = shareLinkApi;

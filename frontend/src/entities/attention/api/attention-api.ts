import { baseApi, toApiError, type ApiError } from "@/shared/api";
import { apiBaseUrl } from "@/shared/config";
import { getActiveLocale } from "@/shared/i18n";

import type { FrameRange, OwnAttention, VersionAttention } from "../model/types";

export interface ReportArgs {
  versionId: string;
  ranges: FrameRange[];
  /** On leaving the page: the request outlives it. */
  keepalive?: boolean;
}

export const attentionApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    /** The team's view (owner, manager, editor). */
    getVersionAttention: build.query<VersionAttention, string>({
      query: (versionId) => `versions/${versionId}/attention/`,
      providesTags: (_result, _error, versionId) => [{ type: "Attention", id: versionId }],
    }),
    /** What I have played of the version. */
    getMyAttention: build.query<OwnAttention, string>({
      query: (versionId) => `versions/${versionId}/attention/me/`,
      providesTags: (_result, _error, versionId) => [{ type: "Attention", id: `ME-${versionId}` }],
    }),
    reportAttention: build.mutation<OwnAttention, ReportArgs>({
      query: ({ versionId, ranges, keepalive }) => ({
        url: `versions/${versionId}/attention/me/`,
        method: "POST",
        body: { ranges },
        ...(keepalive ? { keepalive: true } : {}),
      }),
      async onQueryStarted({ versionId }, { dispatch, queryFulfilled }) {
        try {
          const { data } = await queryFulfilled;
          dispatch(attentionApi.util.upsertQueryData("getMyAttention", versionId, data));
        } catch {
          // The reporter keeps the ranges and tries again.
        }
      },
    }),
  }),
});

export const { useGetVersionAttentionQuery, useGetMyAttentionQuery, useLazyGetMyAttentionQuery, useReportAttentionMutation } =
  attentionApi;

export interface GuestReport {
  token: string;
  password: string;
  guestKey: string;
  guestName: string;
  ranges: FrameRange[];
  keepalive?: boolean;
}

/**
 * A share-link guest's report (no session: the token and password are the credential, as on
 * the rest of the guest page). Resolves with the guest's own share, rejects with an ApiError.
 */
export async function reportGuestAttention({ token, password, guestKey, guestName, ranges, keepalive }: GuestReport): Promise<OwnAttention> {
  const response = await fetch(`${apiBaseUrl()}/api/v1/share/${encodeURIComponent(token)}/attention/`, {
    method: "POST",
    keepalive: Boolean(keepalive),
    headers: {
      Accept: "application/json",
      "Accept-Language": getActiveLocale(),
      "Content-Type": "application/json",
      ...(password ? { "X-Share-Password": password } : {}),
    },
    body: JSON.stringify({ guest_key: guestKey, ranges, ...(guestName ? { guest_name: guestName } : {}) }),
  }).catch((caught: unknown) => {
    throw toApiError({ status: "FETCH_ERROR", error: String(caught) });
  });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw toApiError({ status: response.status, data: body }) satisfies ApiError;
  return body as OwnAttention;
}

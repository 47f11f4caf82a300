import type { Annotation } from "@/entities/feedback";
import { baseApi, toApiError, type ApiError } from "@/shared/api";
import { apiBaseUrl } from "@/shared/config";
import { getActiveLocale } from "@/shared/i18n";

import { upsertGuestComment } from "../model/guest-cache";

export interface GuestFeedback {
  id: string;
  parent_id: string | null;
  /** The version the comment was made on; `carried_over`: an earlier one, still open. */
  version_number: number;
  carried_over: boolean;
  author: { display_name: string; is_guest: boolean };
  body: string;
  frame: number;
  end_frame: number | null;
  fps: number;
  timecode: number;
  smpte: string;
  end_smpte: string | null;
  annotation: Annotation | null;
  reactions: Array<{ emoji: string; count: number }>;
  resolved: boolean;
  deleted: boolean;
  edited_at: string | null;
  created_at: string;
  replies: GuestFeedback[];
}

/** `GET share/{token}/` — what a guest may see of one version. */
export interface SharePage {
  link: { permission: "view" | "comment"; label: string; expires_at: string };
  project: { name: string };
  asset: { title: string };
  version: {
    number: number;
    label: string;
    status: string;
    duration: number | null;
    fps: number | null;
    frame_count: number | null;
    width: number | null;
    height: number | null;
    file_url: string | null;
    poster_url: string | null;
  };
  feedback: GuestFeedback[];
}

export interface GuestCommentInput {
  guest_name: string;
  body: string;
  frame: number;
  end_frame?: number | null;
  annotation?: Annotation | null;
  parent_id?: string | null;
}

/*
 * Guest calls never carry the member's token (the server ignores it anyway)
 * and must not trigger the session's refresh-on-401: a 401 here means "this
 * link needs a password", not "your session expired".
 */
async function guestFetch<T>(path: string, password: string, init: RequestInit = {}): Promise<{ data: T } | { error: ApiError }> {
  try {
    const response = await fetch(`${apiBaseUrl()}/api/v1/${path}`, {
      ...init,
      headers: {
        Accept: "application/json",
        "Accept-Language": getActiveLocale(),
        ...(init.body ? { "Content-Type": "application/json" } : {}),
        ...(password ? { "X-Share-Password": password } : {}),
      },
    });
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) return { error: toApiError({ status: response.status, data: body }) };
    return { data: body as T };
  } catch (caught) {
    return { error: toApiError({ status: "FETCH_ERROR", error: String(caught) }) };
  }
}

/** A single-use ticket for the guest's socket (`/ws/share/`); throws what the link answers. */
export async function guestWsTicket(token: string, password: string): Promise<string> {
  const result = await guestFetch<{ ticket: string }>(`share/${encodeURIComponent(token)}/ws-ticket/`, password, {
    method: "POST",
  });
  if ("error" in result) throw result.error;
  return result.data.ticket;
}

export const guestApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    getSharePage: build.query<SharePage, { token: string; password: string }>({
      queryFn: ({ token, password }) => guestFetch<SharePage>(`share/${encodeURIComponent(token)}/`, password),
      keepUnusedDataFor: 0,
    }),
    addGuestComment: build.mutation<GuestFeedback, { token: string; password: string; body: GuestCommentInput }>({
      queryFn: ({ token, password, body }) =>
        guestFetch<GuestFeedback>(`share/${encodeURIComponent(token)}/feedback/`, password, {
          method: "POST",
          body: JSON.stringify(body),
        }),
      async onQueryStarted({ token, password }, { dispatch, queryFulfilled }) {
        try {
          const { data } = await queryFulfilled;
          // In place at once, whether or not the socket's copy came first (same id: one comment).
          dispatch(guestApi.util.updateQueryData("getSharePage", { token, password }, (draft) => upsertGuestComment(draft, data)));
        } catch {
          // Reported by the form.
        }
      },
    }),
  }),
});

export const { useGetSharePageQuery, useAddGuestCommentMutation } = guestApi;

import { commentListFrom, FIRST_PAGE_SIZE, followListQuery, mergeRefetchedList, nextPagePath, upsertInList, type Annotation, type CommentList } from "@/entities/feedback";
import { baseApi, toApiError, type ApiError, type CursorPage } from "@/shared/api";
import { apiBaseUrl } from "@/shared/config";
import { getActiveLocale } from "@/shared/i18n";

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

/** `GET share/{token}/` — what a guest may see of one version, with the first page of its comments. */
export interface SharePageResponse {
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
  /** The next page of `share/{token}/feedback/`; null: that was every comment. */
  feedback_next: string | null;
}

/**
 * The share page as the guest's cache holds it: its comments a list normalised like the
 * members' (timeline order, replies under their comment) whose later pages load in the
 * background while the guest's socket keeps changing it.
 */
export interface SharePage extends Omit<SharePageResponse, "feedback" | "feedback_next"> {
  feedback: CommentList<GuestFeedback>;
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
    /**
     * The page resolves with the first page of comments, so the guest sees them at once; the
     * later pages load behind it into the same entry (`loadRestOfList`). A refetch (the socket's
     * first contact, a resync, "retry") rereads the comments into the list on screen instead of
     * starting it over (`beginReread`), and takes the rest of the page as it comes.
     */
    getSharePage: build.query<SharePage, { token: string; password: string }>({
      async queryFn({ token, password }) {
        const result = await guestFetch<SharePageResponse>(`share/${encodeURIComponent(token)}/?page_size=${FIRST_PAGE_SIZE}`, password);
        if ("error" in result) return result;
        const { feedback, feedback_next: next, ...page } = result.data;
        return { data: { ...page, feedback: commentListFrom(feedback, nextPagePath(next)) } };
      },
      merge(page, refetched) {
        const { feedback, ...rest } = refetched;
        // Parts that did not change keep their objects (as a refetch without `merge` would).
        for (const [key, value] of Object.entries(rest)) {
          if (JSON.stringify(page[key as keyof typeof rest]) !== JSON.stringify(value)) Object.assign(page, { [key]: value });
        }
        mergeRefetchedList(page.feedback, feedback);
      },
      async onQueryStarted({ password }, { dispatch, queryFulfilled, getCacheEntry, updateCachedData }) {
        await followListQuery<GuestFeedback>({
          held: getCacheEntry().data !== undefined,
          queryFulfilled,
          current: () => getCacheEntry().data?.feedback,
          update: (recipe) => updateCachedData((draft) => recipe(draft.feedback)),
          fetchPage: (path) => dispatch(guestApi.endpoints.guestFeedbackPage.initiate({ path, password }, { subscribe: false, forceRefetch: true })),
        });
      },
      keepUnusedDataFor: 0,
    }),
    /** One later page of the link's comments (used by `getSharePage`'s background load only). */
    guestFeedbackPage: build.query<CursorPage<GuestFeedback>, { path: string; password: string }>({
      queryFn: ({ path, password }) => guestFetch<CursorPage<GuestFeedback>>(path, password),
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
          dispatch(guestApi.util.updateQueryData("getSharePage", { token, password }, (draft) => upsertInList(draft.feedback, data)));
        } catch {
          // Reported by the form.
        }
      },
    }),
  }),
});

export const { useGetSharePageQuery, useAddGuestCommentMutation } = guestApi;

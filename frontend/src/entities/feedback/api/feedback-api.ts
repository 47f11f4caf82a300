import { baseApi, type ApiError, type CursorPage } from "@/shared/api";

import { feedbackListFrom, mergeFeedbackPage, type FeedbackList } from "../model/cache";
import type { Feedback } from "../model/types";

/** The first page is small so the room shows comments at once; the rest come in larger pages. */
export const FIRST_PAGE_SIZE = 50;
export const PAGE_SIZE = 200;
const RETRY_DELAYS_MS = [1_000, 3_000, 9_000];

/** `next` is an absolute URL; the base query wants the path under /api/v1/, at our page size. */
export function nextPagePath(next: string | null, pageSize = PAGE_SIZE): string | null {
  if (!next) return null;
  const index = next.indexOf("/api/v1/");
  const path = index >= 0 ? next.slice(index + "/api/v1/".length) : next;
  const [base = "", query = ""] = path.split("?");
  const params = new URLSearchParams(query);
  params.set("page_size", String(pageSize));
  return `${base}?${params.toString()}`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const feedbackApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    /**
     * Every top-level comment listed on a version (its own and carried over). The query
     * resolves with the first page, so the room is usable at once; the later pages load in
     * the background into the same cache entry while live events keep applying (see
     * `mergeFeedbackPage`). A refetch starts over from the first page.
     */
    listFeedback: build.query<FeedbackList, string>({
      async queryFn(versionId, _api, _extra, baseQuery) {
        const result = await baseQuery(`versions/${versionId}/feedback/?page_size=${FIRST_PAGE_SIZE}`);
        if (result.error) return { error: result.error as ApiError };
        const page = result.data as CursorPage<Feedback>;
        return { data: feedbackListFrom(page.results, nextPagePath(page.next)) };
      },
      async onQueryStarted(_versionId, { dispatch, queryFulfilled, getCacheEntry, updateCachedData }) {
        try {
          await queryFulfilled;
        } catch {
          return;
        }
        let failures = 0;
        // Stops when every page is in, or the entry was dropped (room closed) or started over.
        for (let next = getCacheEntry().data?.next; next; next = getCacheEntry().data?.next) {
          const request = dispatch(feedbackApi.endpoints.feedbackPage.initiate(next, { subscribe: false, forceRefetch: true }));
          const { data: page, error } = await request;
          if (error || !page) {
            const delay = RETRY_DELAYS_MS[failures++];
            if (delay === undefined) {
              const stoppedAt = next;
              updateCachedData((draft) => {
                if (draft.next === stoppedAt) draft.loadFailed = true;
              });
              return;
            }
            await sleep(delay);
            continue;
          }
          failures = 0;
          const path = next;
          updateCachedData((draft) => {
            if (draft.next === path) mergeFeedbackPage(draft, page.results, nextPagePath(page.next));
          });
        }
      },
      providesTags: (_result, _error, versionId) => [{ type: "Feedback", id: `VERSION-${versionId}` }],
    }),
    /** One later page of a version's list (used by `listFeedback`'s background load only). */
    feedbackPage: build.query<CursorPage<Feedback>, string>({
      query: (path) => path,
      keepUnusedDataFor: 0,
    }),
  }),
});

export const { useListFeedbackQuery } = feedbackApi;

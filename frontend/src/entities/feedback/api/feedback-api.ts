import { baseApi, type ApiError, type CursorPage } from "@/shared/api";

import { feedbackListFrom, mergeRefetchedList, type FeedbackList } from "../model/cache";
import { FIRST_PAGE_SIZE, followListQuery, nextPagePath } from "../model/pages";
import type { Feedback } from "../model/types";

export const feedbackApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    /**
     * Every top-level comment listed on a version (its own and carried over). The query
     * resolves with the first page, so the room is usable at once; the later pages load in
     * the background into the same cache entry while live events keep applying (see
     * `mergeFeedbackPage`). A refetch (the socket's first contact, a resync, "retry") rereads
     * the list into the one on screen, page by page, instead of starting it over (`beginReread`).
     */
    listFeedback: build.query<FeedbackList, string>({
      async queryFn(versionId, _api, _extra, baseQuery) {
        const result = await baseQuery(`versions/${versionId}/feedback/?page_size=${FIRST_PAGE_SIZE}`);
        if (result.error) return { error: result.error as ApiError };
        const page = result.data as CursorPage<Feedback>;
        return { data: feedbackListFrom(page.results, nextPagePath(page.next)) };
      },
      merge: (list, refetched) => mergeRefetchedList(list, refetched),
      async onQueryStarted(_versionId, { dispatch, queryFulfilled, getCacheEntry, updateCachedData }) {
        await followListQuery<Feedback>({
          held: getCacheEntry().data !== undefined,
          queryFulfilled,
          current: () => getCacheEntry().data,
          update: updateCachedData,
          fetchPage: (path) => dispatch(feedbackApi.endpoints.feedbackPage.initiate(path, { subscribe: false, forceRefetch: true })),
        });
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

import { baseApi, type ApiError, type CursorPage } from "@/shared/api";

import type { Feedback } from "../model/types";

const PAGE_SIZE = 200;

/** `next` is an absolute URL; the base query wants the path under /api/v1/. */
function relativeNext(next: string): string {
  const index = next.indexOf("/api/v1/");
  return index >= 0 ? next.slice(index + "/api/v1/".length) : next;
}

export const feedbackApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    /**
     * Every top-level comment listed on a version (its own and carried over),
     * all pages: the review room filters, syncs to the playhead and patches
     * the list live, which needs the whole round in one place.
     */
    listFeedback: build.query<Feedback[], string>({
      async queryFn(versionId, _api, _extra, baseQuery) {
        const items: Feedback[] = [];
        let url: string | null = `versions/${versionId}/feedback/?page_size=${PAGE_SIZE}`;
        while (url) {
          const result = await baseQuery(url);
          if (result.error) return { error: result.error as ApiError };
          const page = result.data as CursorPage<Feedback>;
          items.push(...page.results);
          url = page.next ? relativeNext(page.next) : null;
        }
        return { data: items };
      },
      providesTags: (_result, _error, versionId) => [{ type: "Feedback", id: `VERSION-${versionId}` }],
    }),
  }),
});

export const { useListFeedbackQuery } = feedbackApi;

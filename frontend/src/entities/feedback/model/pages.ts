import type { CursorPage } from "@/shared/api";

import { beginReread, mergeFeedbackPage, type CommentList, type ListedComment } from "./cache";

/** The first page is small so a review page shows comments at once; the rest come in larger pages. */
export const FIRST_PAGE_SIZE = 50;
export const PAGE_SIZE = 200;
/** Waits before each retry of a page that failed; then the load gives up (`loadFailed`). */
export const RETRY_DELAYS_MS: readonly number[] = [1_000, 3_000, 9_000];

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

export interface RestOfList<T extends ListedComment<T>> {
  /** The cached list as it is now (undefined once the cache entry is gone). */
  current: () => CommentList<T> | undefined;
  /** Changes the cached list (an RTK Query `updateCachedData` on the list's place in the entry). */
  update: (recipe: (list: CommentList<T>) => void) => void;
  /** One page by its path (as `nextPagePath` gives it). */
  fetchPage: (path: string) => PromiseLike<{ data?: CursorPage<T>; error?: unknown }>;
  retryDelaysMs?: readonly number[];
}

/**
 * Loads the pages after the first into the cached list, one after another, while live events
 * keep applying to it (`mergeFeedbackPage` adds what is new and replays what waited for it).
 * A page that fails is tried again after each of `retryDelaysMs`, then the list is marked
 * `loadFailed` where it stopped. Stops when every page is in, when the list was dropped, or when
 * a reread began (a refetch: the reread's own load goes on from its first page, see `beginReread`).
 * Called after a refetch, it loads the rest of the reread the same way.
 */
export async function loadRestOfList<T extends ListedComment<T>>({ current, update, fetchPage, retryDelaysMs = RETRY_DELAYS_MS }: RestOfList<T>): Promise<void> {
  const pass = current()?.pass;
  const ours = (list: CommentList<T>, path: string) => list.pass === pass && list.next === path;
  let failures = 0;
  for (let list = current(); list?.next && list.pass === pass; list = current()) {
    const path = list.next;
    const { data: page, error } = await fetchPage(path);
    if (error || !page) {
      const delay = retryDelaysMs[failures++];
      if (delay === undefined) {
        update((draft) => {
          if (ours(draft, path)) draft.loadFailed = true;
        });
        return;
      }
      await sleep(delay);
      continue;
    }
    failures = 0;
    update((draft) => {
      if (ours(draft, path)) mergeFeedbackPage(draft, page.results, nextPagePath(page.next));
    });
  }
}

/**
 * The RTK Query lifecycle of a comment list's query (`onQueryStarted`): a refetch of a list held
 * begins a reread at once (changes arriving while its first page is on the way are kept for it;
 * the query's `merge` reads that page in with `mergeRefetchedList`); once the first page is in,
 * the rest loads behind it. A reread whose first page fails is marked `loadFailed`.
 */
export async function followListQuery<T extends ListedComment<T>>({
  held,
  queryFulfilled,
  ...rest
}: RestOfList<T> & { held: boolean; queryFulfilled: PromiseLike<unknown> }): Promise<void> {
  if (held) rest.update(beginReread);
  const pass = rest.current()?.pass;
  try {
    await queryFulfilled;
  } catch {
    if (held) {
      rest.update((list) => {
        if (list.pass === pass) list.loadFailed = true;
      });
    }
    return;
  }
  await loadRestOfList(rest);
}

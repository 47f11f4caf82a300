import { createNextState } from "@reduxjs/toolkit";
import { describe, expect, it } from "vitest";

import type { CursorPage } from "@/shared/api";

import { commentListFrom, feedbackItems, isLoadingMore, setReactionsInList, upsertInList, type CommentList } from "./cache";
import { makeFeedback } from "./fixtures";
import { loadRestOfList, nextPagePath, PAGE_SIZE } from "./pages";
import type { Feedback } from "./types";

const API = "http://api.example.com/api/v1/";

/** A list held the way the query cache holds it: replaced by each change, read back by `current`. */
function cached(first: Feedback[], next: string | null) {
  let list: CommentList<Feedback> | undefined = commentListFrom(first, next);
  return {
    current: () => list,
    update: (recipe: (draft: CommentList<Feedback>) => void) => {
      if (list) list = createNextState(list, recipe);
    },
    drop: () => {
      list = undefined;
    },
    restart: (items: Feedback[], restartNext: string | null) => {
      list = commentListFrom(items, restartNext);
    },
  };
}

const comments = (from: number, to: number) => Array.from({ length: to - from }, (_, index) => makeFeedback({ id: `c${from + index}`, frame: from + index }));

/** A server of `total` comments in pages: the path's cursor is the index to start at. */
function server(total: number, { failures = {} as Record<string, number> } = {}) {
  const asked: string[] = [];
  const fetchPage = async (path: string): Promise<{ data?: CursorPage<Feedback>; error?: unknown }> => {
    asked.push(path);
    if ((failures[path] ?? 0) > 0) {
      failures[path]! -= 1;
      return { error: { status: 503 } };
    }
    const params = new URLSearchParams(path.split("?")[1]);
    const start = Number(params.get("cursor"));
    const size = Number(params.get("page_size"));
    const end = Math.min(total, start + size);
    return { data: { next: end < total ? `${API}versions/v1/feedback/?cursor=${end}&page_size=${size}` : null, previous: null, results: comments(start, end) } };
  };
  return { asked, fetchPage };
}

const quick = [1, 1, 1];

describe("nextPagePath", () => {
  it("keeps the path under /api/v1/ and its cursor, at the background page size", () => {
    expect(nextPagePath(`${API}versions/v1/feedback/?cursor=cD0x&page_size=50`)).toBe(`versions/v1/feedback/?cursor=cD0x&page_size=${PAGE_SIZE}`);
    expect(nextPagePath(`${API}share/tok_en/feedback/?cursor=cD0x`, 10)).toBe("share/tok_en/feedback/?cursor=cD0x&page_size=10");
    expect(nextPagePath(null)).toBeNull();
  });
});

describe("loading the rest of a long list", () => {
  it("loads every later page in timeline order, and the changes that waited for their comment apply", async () => {
    const list = cached(comments(0, 50), `versions/v1/feedback/?cursor=50&page_size=${PAGE_SIZE}`);
    const { asked, fetchPage } = server(500);
    // Live, before their page arrived: a reaction on comment 420 and a reply to comment 300.
    list.update((draft) => setReactionsInList(draft, "c420", [{ emoji: "👍", count: 1, user_ids: ["u2"] }]));
    list.update((draft) => upsertInList(draft, makeFeedback({ id: "r1", parent_id: "c300", frame: 300 })));
    expect(list.current()!.deferred).toHaveLength(2);

    await loadRestOfList({ ...list, fetchPage, retryDelaysMs: quick });

    const items = feedbackItems(list.current());
    expect(items.map((item) => item.id)).toEqual(comments(0, 500).map((item) => item.id));
    expect(asked).toHaveLength(3); // 200 + 200 + 50
    expect(list.current()!.entities.c420?.reactions).toEqual([{ emoji: "👍", count: 1, user_ids: ["u2"] }]);
    expect(list.current()!.entities.c300?.replies.map((reply) => reply.id)).toEqual(["r1"]);
    expect(list.current()!.deferred).toEqual([]);
    expect(isLoadingMore(list.current())).toBe(false);
  });

  it("keeps a comment a live event brought before its page, as the event had it", async () => {
    const list = cached(comments(0, 50), `versions/v1/feedback/?cursor=50&page_size=${PAGE_SIZE}`);
    list.update((draft) => upsertInList(draft, makeFeedback({ id: "c100", frame: 100, body: "고쳤어요" })));

    await loadRestOfList({ ...list, ...server(150), retryDelaysMs: quick });

    expect(feedbackItems(list.current())).toHaveLength(150);
    expect(list.current()!.entities.c100?.body).toBe("고쳤어요");
  });

  it("tries a failed page again and goes on", async () => {
    const path = `versions/v1/feedback/?cursor=50&page_size=${PAGE_SIZE}`;
    const list = cached(comments(0, 50), path);
    const { asked, fetchPage } = server(300, { failures: { [path]: 2 } });

    await loadRestOfList({ ...list, fetchPage, retryDelaysMs: quick });

    expect(asked.filter((entry) => entry === path)).toHaveLength(3);
    expect(feedbackItems(list.current())).toHaveLength(300);
    expect(list.current()!.loadFailed).toBe(false);
  });

  it("gives up after the retries and says where it stopped", async () => {
    const path = `versions/v1/feedback/?cursor=250&page_size=${PAGE_SIZE}`;
    const list = cached(comments(0, 50), `versions/v1/feedback/?cursor=50&page_size=${PAGE_SIZE}`);
    const { asked, fetchPage } = server(600, { failures: { [path]: 99 } });

    await loadRestOfList({ ...list, fetchPage, retryDelaysMs: quick });

    expect(asked.filter((entry) => entry === path)).toHaveLength(quick.length + 1);
    expect(feedbackItems(list.current())).toHaveLength(250);
    expect(list.current()).toMatchObject({ next: path, loadFailed: true });
    expect(isLoadingMore(list.current())).toBe(false);
  });

  it("stops when the list is dropped, and merges nothing into a list that started over", async () => {
    const list = cached(comments(0, 50), `versions/v1/feedback/?cursor=50&page_size=${PAGE_SIZE}`);
    const { fetchPage } = server(1000);
    let calls = 0;
    await loadRestOfList({
      ...list,
      retryDelaysMs: quick,
      fetchPage: async (path) => {
        calls += 1;
        const page = await fetchPage(path);
        // The room closed while the first later page was on its way.
        list.drop();
        return page;
      },
    });
    expect(calls).toBe(1);

    const again = cached(comments(0, 50), `versions/v1/feedback/?cursor=50&page_size=${PAGE_SIZE}`);
    await loadRestOfList({
      ...again,
      retryDelaysMs: quick,
      fetchPage: async (path) => {
        const page = await fetchPage(path);
        // A refetch started the list over with a different first page: this page is not its next.
        if (path.includes("cursor=50&")) again.restart(comments(0, 10), null);
        return page;
      },
    });
    expect(feedbackItems(again.current())).toHaveLength(10);
  });
});

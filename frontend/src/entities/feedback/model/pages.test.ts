import { createNextState } from "@reduxjs/toolkit";
import { describe, expect, it, vi } from "vitest";

import type { CursorPage } from "@/shared/api";

import {
  commentListFrom,
  feedbackItems,
  isLoadingMore,
  mergeRefetchedList,
  removeFromList,
  setReactionsInList,
  upsertInList,
  type CommentList,
} from "./cache";
import { makeFeedback } from "./fixtures";
import { FIRST_PAGE_SIZE, followListQuery, loadRestOfList, nextPagePath, PAGE_SIZE } from "./pages";
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

/**
 * A server whose comments change while the page reads them: a page is read when it is asked for
 * (`cursor` is the index to start at) and answered a moment later; `meanwhile` runs in between
 * (what happened on the server, and the live events that arrived, while the page was on its way);
 * `hold` keeps the answer to the next page asked for that matches until it is let go.
 */
function changingServer(initial: Feedback[]) {
  const rows = [...initial];
  const asked: string[] = [];
  const holds: Array<{ match: string; until: Promise<void> }> = [];
  let meanwhile: (path: string) => void = () => undefined;
  const fetchPage = async (path: string): Promise<{ data?: CursorPage<Feedback>; error?: unknown }> => {
    asked.push(path);
    const params = new URLSearchParams(path.split("?")[1]);
    const start = Number(params.get("cursor") ?? 0);
    const size = Number(params.get("page_size"));
    const results = rows.slice(start, start + size);
    const end = start + results.length;
    const page = { next: end < rows.length ? `${API}versions/v1/feedback/?cursor=${end}&page_size=${size}` : null, previous: null, results };
    const held = holds.findIndex((hold) => path.includes(hold.match));
    if (held >= 0) await holds.splice(held, 1)[0]!.until;
    meanwhile(path);
    await Promise.resolve();
    return { data: page };
  };
  return {
    rows,
    asked,
    fetchPage,
    set meanwhile(run: (path: string) => void) {
      meanwhile = run;
    },
    hold(match: string): () => void {
      let release = () => undefined as void;
      holds.push({ match, until: new Promise<void>((resolve) => (release = resolve)) });
      return release;
    },
    edit(id: string, change: Partial<Feedback>): Feedback {
      const index = rows.findIndex((row) => row.id === id);
      rows[index] = { ...rows[index]!, ...change };
      return rows[index]!;
    },
    add(item: Feedback): void {
      rows.splice(rows.findIndex((row) => row.frame > item.frame), 0, item);
    },
    remove(id: string): void {
      rows.splice(rows.findIndex((row) => row.id === id), 1);
    },
  };
}

/** A list held the way the query cache holds it, with the size and "loading more" after every change. */
function watched(first: Feedback[], next: string | null) {
  const list = cached(first, next);
  const sizes: number[] = [];
  const loadingMore: boolean[] = [];
  return {
    ...list,
    sizes,
    loadingMore,
    update: (recipe: (draft: CommentList<Feedback>) => void) => {
      list.update(recipe);
      sizes.push(list.current()!.ids.length);
      loadingMore.push(isLoadingMore(list.current()));
    },
  };
}

type Watched = ReturnType<typeof watched>;

/** A refetch as the list's query runs it: the reread begins, the query's `merge` takes in the first page, then the rest loads. */
async function refetch(list: Watched, fetchPage: ReturnType<typeof changingServer>["fetchPage"]) {
  let fulfil = () => undefined as void;
  const queryFulfilled = new Promise<void>((resolve) => (fulfil = resolve));
  const following = followListQuery({ ...list, held: true, queryFulfilled, fetchPage, retryDelaysMs: quick });
  const { data } = await fetchPage(`versions/v1/feedback/?page_size=${FIRST_PAGE_SIZE}`);
  list.update((draft) => mergeRefetchedList(draft, commentListFrom(data!.results, nextPagePath(data!.next))));
  fulfil();
  await following;
}

const idsOf = (list: Watched) => feedbackItems(list.current()).map((item) => item.id);

describe("reading a list on screen again (a refetch: the socket's first contact, a resync, retry)", () => {
  it("brings a complete list up to date without shrinking it: changed comments replaced, new ones added, gone ones removed, the rest untouched", async () => {
    const server = changingServer(comments(0, 500));
    const list = watched(server.rows.slice(0, 50), `versions/v1/feedback/?cursor=50&page_size=${PAGE_SIZE}`);
    await loadRestOfList({ ...list, fetchPage: server.fetchPage, retryDelaysMs: quick });
    const before = list.current()!;
    expect(before.ids).toHaveLength(500);

    // While the socket was away: an edit, a new comment, a deletion and a reaction, none seen live.
    server.edit("c10", { body: "고쳤어요" });
    server.add(makeFeedback({ id: "n1", frame: 250, created_at: "2026-03-02T09:00:00Z" }));
    server.remove("c300");
    server.edit("c420", { reactions: [{ emoji: "👍", count: 1, user_ids: ["u2"] }] });
    // And during the reread, live: c20 edited while its page is on the way (that page is older),
    // a comment added where the reread has already been, and one of ours still being sent.
    server.meanwhile = (path) => {
      if (path.includes(`page_size=${FIRST_PAGE_SIZE}`) && !path.includes("cursor")) {
        list.update((draft) => upsertInList(draft, server.edit("c20", { body: "방금 고침" })));
      }
      if (path.includes("cursor=250&")) {
        const live = makeFeedback({ id: "n2", frame: 5, created_at: "2026-03-02T10:00:00Z" });
        server.add(live);
        list.update((draft) => upsertInList(draft, live));
        list.update((draft) => upsertInList(draft, makeFeedback({ id: "tmp", frame: 7, pending: true })));
      }
    };
    list.sizes.length = 0;
    list.loadingMore.length = 0;
    server.asked.length = 0;

    await refetch(list, server.fetchPage);

    const after = list.current()!;
    expect(Math.min(...list.sizes)).toBeGreaterThanOrEqual(500);
    expect(list.loadingMore.every((shown) => !shown)).toBe(true);
    // The server's list, in its order, and ours still being sent (frame 7, after c7).
    const expected = server.rows.map((row) => row.id);
    expected.splice(expected.indexOf("c7") + 1, 0, "tmp");
    expect(idsOf(list)).toEqual(expected);
    expect(after.entities.c300).toBeUndefined();
    expect(after.entities.n1).toBeDefined();
    expect(after.entities.c10?.body).toBe("고쳤어요");
    expect(after.entities.c20?.body).toBe("방금 고침");
    expect(after.entities.c420?.reactions).toEqual([{ emoji: "👍", count: 1, user_ids: ["u2"] }]);
    // Rows of comments that did not change keep their objects (they do not re-render).
    expect(after.entities.c5).toBe(before.entities.c5);
    expect(after.entities.c499).toBe(before.entities.c499);
    expect(after).toMatchObject({ reread: null, deferred: [], next: null, loadFailed: false });
    // The first page, then 200 at a time from it: the reread, once.
    expect(server.asked.map((path) => new URLSearchParams(path.split("?")[1]).get("cursor"))).toEqual([null, "50", "250", "450"]);
  });

  it("goes on from a partly loaded list without dropping rows, and the load begun before stops", async () => {
    const server = changingServer(comments(0, 700));
    const list = watched(server.rows.slice(0, 50), `versions/v1/feedback/?cursor=50&page_size=${PAGE_SIZE}`);
    // The first load has 250 comments and waits for the page at 250 when the socket says hello.
    const releaseFirstLoad = server.hold("cursor=250&");
    const firstLoad = loadRestOfList({ ...list, fetchPage: server.fetchPage, retryDelaysMs: quick });
    await vi.waitFor(() => expect(server.asked).toHaveLength(2));
    expect(list.current()!.ids).toHaveLength(250);
    server.edit("c100", { body: "그 사이에 고침" });
    server.remove("c200");
    list.sizes.length = 0;

    const reread = refetch(list, server.fetchPage);
    await vi.waitFor(() => expect(list.current()!.reread).not.toBeNull());
    expect(isLoadingMore(list.current())).toBe(true);
    // The first load's page arrives after the reread began: not merged, and that load stops.
    releaseFirstLoad();
    await firstLoad;
    await reread;

    expect(Math.min(...list.sizes)).toBeGreaterThanOrEqual(250);
    expect(idsOf(list)).toEqual(server.rows.map((row) => row.id));
    expect(list.current()!.entities.c100?.body).toBe("그 사이에 고침");
    expect(list.current()).toMatchObject({ reread: null, deferred: [], next: null });
    expect(isLoadingMore(list.current())).toBe(false);
    const cursors = server.asked.map((path) => new URLSearchParams(path.split("?")[1]).get("cursor"));
    // The first load: 50 and 250 (its last); the reread: from the top to the end, each page once.
    expect(cursors).toEqual(["50", "250", null, "50", "250", "450", "650"]);
  });

  it("keeps a live change to a comment not loaded yet for the reread's page that brings it", async () => {
    const server = changingServer(comments(0, 500));
    const list = watched(server.rows.slice(0, 50), `versions/v1/feedback/?cursor=50&page_size=${PAGE_SIZE}`);
    // While the reread's page of 250–449 is on its way: a reaction to 400, a reply to 420 and
    // the deletion of 460 (not loaded by anyone yet), and an edit of 30 (already reread).
    server.meanwhile = (path) => {
      if (!path.includes("cursor=250&")) return;
      const reactions = [{ emoji: "🔥", count: 2, user_ids: ["u1", "u2"] }];
      server.edit("c400", { reactions });
      list.update((draft) => setReactionsInList(draft, "c400", reactions));
      const reply = makeFeedback({ id: "r420", parent_id: "c420", frame: 420, body: "답글" });
      server.edit("c420", { replies: [reply] });
      list.update((draft) => upsertInList(draft, reply));
      server.remove("c460");
      list.update((draft) => removeFromList(draft, "c460", null));
      list.update((draft) => upsertInList(draft, server.edit("c30", { body: "다시 씀" })));
      // They reached the client before the page that lists their comment: kept for it.
      keptWhileOnItsWay = list.current()!.deferred.map((change) => change.kind);
    };
    let keptWhileOnItsWay: string[] = [];

    await refetch(list, server.fetchPage);

    expect(keptWhileOnItsWay).toEqual(["reactions", "upsert", "remove"]);
    const after = list.current()!;
    expect(after.entities.c400?.reactions).toEqual([{ emoji: "🔥", count: 2, user_ids: ["u1", "u2"] }]);
    expect(after.entities.c420?.replies.map((reply) => reply.id)).toEqual(["r420"]);
    expect(after.entities.c460).toBeUndefined();
    expect(after.entities.c30?.body).toBe("다시 씀");
    expect(idsOf(list)).toEqual(server.rows.map((row) => row.id));
    expect(after).toMatchObject({ reread: null, deferred: [], next: null });
  });
});

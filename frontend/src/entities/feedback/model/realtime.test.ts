import { combineSlices, configureStore, createListenerMiddleware, type Middleware } from "@reduxjs/toolkit";
import { waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";

import { baseApi, setTokens } from "@/shared/api";
import type { ApiRootState, AppThunkDispatch } from "@/shared/lib/redux";
import { createFetchStub } from "@/shared/lib/test";
import { wsEventReceived } from "@/shared/ws";

import { feedbackApi } from "../api/feedback-api";
import { feedbackItems, isLoadingMore, upsertInList, type FeedbackList } from "./cache";
import { registerFeedbackRealtime } from "./realtime";
import type { Feedback } from "./types";
import { makeFeedback } from "./fixtures";

function comment(overrides: Partial<Feedback>): Feedback {
  return makeFeedback({
    version_id: "v2",
    version_number: 2,
    author: { id: "u1", email: "a@example.com", display_name: "민준", avatar: null },
    body: "첫 코멘트",
    frame: 10,
    smpte: "00:00:00:10",
    ...overrides,
  });
}

async function setup(initial: Feedback[]) {
  setTokens({ access: "A", refresh: "R" });
  vi.stubGlobal("fetch", createFetchStub(() => ({ status: 200, body: { next: null, previous: null, results: initial } })).fetch);
  const listener = createListenerMiddleware<ApiRootState, AppThunkDispatch>();
  registerFeedbackRealtime(listener);
  const store = configureStore({
    reducer: combineSlices(baseApi),
    middleware: (getDefault) => getDefault({ serializableCheck: false }).prepend(listener.middleware).concat(baseApi.middleware),
  });
  await store.dispatch(feedbackApi.endpoints.listFeedback.initiate("v2"));
  const list = () => feedbackItems(feedbackApi.endpoints.listFeedback.select("v2")(store.getState()).data);
  const send = (type: string, data: unknown, stream = "version:v2") =>
    store.dispatch(wsEventReceived({ stream, type, seq: 1, ts: null, data }));
  return { list, send, store };
}

afterEach(() => vi.unstubAllGlobals());

describe("review room events update the cached feedback list", () => {
  it("inserts, updates, triages, reacts and deletes without refetching", async () => {
    const { list, send } = await setup([comment({ id: "f1", frame: 10 })]);

    send("feedback.created", { feedback: comment({ id: "f2", frame: 3, body: "앞부분" }) });
    expect(list().map((item) => item.id)).toEqual(["f2", "f1"]);

    send("feedback.created", { feedback: comment({ id: "r1", parent_id: "f1", body: "답글" }) });
    expect(list()[1]?.replies.map((reply) => reply.body)).toEqual(["답글"]);

    send("feedback.resolved", { feedback: comment({ id: "f1", resolved: true }) });
    expect(list()[1]?.resolved).toBe(true);

    send("feedback.triaged", {
      feedback_id: "f2",
      triage: { category: "sound", priority: "high", actionable: true },
      feedback: comment({ id: "f2", frame: 3, body: "앞부분", triage: { category: "sound", priority: "high", actionable: true } }),
    });
    expect(list()[0]?.triage).toEqual({ category: "sound", priority: "high", actionable: true });

    send("reaction.added", { feedback_id: "f2", parent_id: null, emoji: "👍", reactions: [{ emoji: "👍", count: 1, user_ids: ["u9"] }] });
    expect(list()[0]?.reactions).toEqual([{ emoji: "👍", count: 1, user_ids: ["u9"] }]);

    send("feedback.deleted", { feedback: comment({ id: "f2", frame: 3, deleted: true, body: "" }) });
    expect(list().map((item) => item.id)).toEqual(["f1"]);
  });

  it("drops a comment made internal with its replies for a reader who may not see it, and takes it back when public", async () => {
    const reply = comment({ id: "r1", parent_id: "f1", body: "답글" });
    const { list, send } = await setup([comment({ id: "f1", replies: [reply] }), comment({ id: "f2", frame: 20 })]);

    send("feedback.hidden", { feedback: { id: "f1", parent_id: null, version_id: "v2" } });
    expect(list().map((item) => item.id)).toEqual(["f2"]); // no "deleted" placeholder, no replies left

    send("feedback.created", { feedback: comment({ id: "f1", replies: [] }) });
    expect(list().map((item) => item.id)).toEqual(["f1", "f2"]);
    expect(list()[0]?.replies).toEqual([]);
  });

  it("the room's event for a comment sent from here replaces its optimistic copy, not shows beside it", async () => {
    const { list, send, store } = await setup([comment({ id: "f1", frame: 10 })]);
    const pending = (overrides: Partial<Feedback>) => comment({ pending: true, ...overrides });
    store.dispatch(
      feedbackApi.util.updateQueryData("listFeedback", "v2", (draft) => {
        upsertInList(draft, pending({ id: "pending-1", frame: 40, body: "로고가 작아요" }));
        upsertInList(draft, pending({ id: "pending-2", frame: 40, body: "다른 말" }));
        upsertInList(draft, pending({ id: "pending-3", parent_id: "f1", frame: 10, body: "동의해요" }));
      }),
    );

    // Someone else's comment with the same words at the same frame is theirs, not ours.
    const other = { id: "u2", email: "b@example.com", display_name: "지민", avatar: null };
    send("feedback.created", { feedback: comment({ id: "t1", frame: 40, body: "로고가 작아요", author: other }) });
    expect(list().map((item) => item.id)).toEqual(["f1", "pending-1", "pending-2", "t1"]);

    send("feedback.created", { feedback: comment({ id: "s1", frame: 40, body: "로고가 작아요" }) });
    send("feedback.created", { feedback: comment({ id: "s2", parent_id: "f1", frame: 10, body: "동의해요" }) });
    expect(list().map((item) => item.id)).toEqual(["f1", "pending-2", "s1", "t1"]);
    expect(list()[0]?.replies.map((reply) => reply.id)).toEqual(["s2"]);
  });

  it("marks a comment from an earlier version as carried over", async () => {
    const { list, send } = await setup([]);
    send("feedback.created", { feedback: comment({ id: "old", version_id: "v1", version_number: 1 }) });
    expect(list()[0]).toMatchObject({ id: "old", carried_over: true });
  });

  it("ignores other streams and versions it does not hold", async () => {
    const { list, send } = await setup([]);
    send("feedback.created", { feedback: comment({ id: "x" }) }, "version:v9");
    send("feedback.created", { feedback: comment({ id: "y" }) }, "project:p1");
    expect(list()).toEqual([]);
  });
});

describe("a long round loads page by page", () => {
  it("resolves with the first page, loads the rest in the background and applies live events meanwhile", async () => {
    setTokens({ access: "A", refresh: "R" });
    const first = [comment({ id: "a", frame: 1 }), comment({ id: "b", frame: 2 })];
    const second = [comment({ id: "c", frame: 30 }), comment({ id: "d", frame: 40 })];
    let releaseSecond: () => void = () => undefined;
    const secondAsked = new Promise<void>((resolve) => (releaseSecond = resolve));
    const stub = createFetchStub(async ({ search }) => {
      if (!search.includes("cursor=")) return { status: 200, body: { next: "http://api.test/api/v1/versions/v2/feedback/?cursor=p2&page_size=50", previous: null, results: first } };
      await secondAsked; // hold the page: live events arrive while it loads
      return { status: 200, body: { next: null, previous: null, results: second } };
    });
    vi.stubGlobal("fetch", stub.fetch);
    const listener = createListenerMiddleware<ApiRootState, AppThunkDispatch>();
    registerFeedbackRealtime(listener);
    const store = configureStore({
      reducer: combineSlices(baseApi),
      middleware: (getDefault) => getDefault({ serializableCheck: false }).prepend(listener.middleware).concat(baseApi.middleware),
    });
    const entry = () => feedbackApi.endpoints.listFeedback.select("v2")(store.getState()).data;
    const send = (type: string, data: unknown) => store.dispatch(wsEventReceived({ stream: "version:v2", type, seq: 1, ts: null, data }));

    await store.dispatch(feedbackApi.endpoints.listFeedback.initiate("v2"));
    expect(feedbackItems(entry()).map((item) => item.id)).toEqual(["a", "b"]);
    expect(isLoadingMore(entry())).toBe(true);

    send("feedback.created", { feedback: comment({ id: "r1", parent_id: "d", body: "답글" }) });
    send("feedback.created", { feedback: comment({ id: "e", frame: 50 }) });
    releaseSecond();

    await waitFor(() => expect(isLoadingMore(entry())).toBe(false));
    expect(feedbackItems(entry()).map((item) => item.id)).toEqual(["a", "b", "c", "d", "e"]);
    expect(entry()?.entities.d?.replies.map((reply) => reply.body)).toEqual(["답글"]);
    // Later pages are asked at the larger page size, from the cursor the first one gave.
    expect(stub.requests.map((request) => new URLSearchParams(request.search).get("page_size"))).toEqual(["50", "200"]);
  });
});

describe("the socket's first contact rereads the room's list in place", () => {
  it("keeps every row on screen while the reread brings what the socket missed, and live events go on applying", async () => {
    setTokens({ access: "A", refresh: "R" });
    // The version's comments on the server, in timeline order; `cursor` is the index to start at.
    const rows = Array.from({ length: 300 }, (_, index) => comment({ id: `c${index}`, frame: index, body: `코멘트 ${index}` }));
    let holdFirstPage: Promise<void> | null = null;
    const stub = createFetchStub(async ({ search }) => {
      const params = new URLSearchParams(search);
      const start = Number(params.get("cursor") ?? 0);
      const size = Number(params.get("page_size"));
      const results = rows.slice(start, start + size);
      const end = start + results.length;
      if (!params.has("cursor") && holdFirstPage) await holdFirstPage;
      const next = end < rows.length ? `http://api.test/api/v1/versions/v2/feedback/?cursor=${end}&page_size=${size}` : null;
      return { status: 200, body: { next, previous: null, results } };
    });
    vi.stubGlobal("fetch", stub.fetch);
    const listener = createListenerMiddleware<ApiRootState, AppThunkDispatch>();
    registerFeedbackRealtime(listener);
    // Every state the list goes through (store subscribers are batched and would skip some).
    const seen: FeedbackList[] = [];
    let watching = false;
    const record: Middleware = (api) => (next) => (action) => {
      const result = next(action);
      const now = feedbackApi.endpoints.listFeedback.select("v2")(api.getState() as ApiRootState).data;
      if (watching && now && now !== seen.at(-1)) seen.push(now);
      return result;
    };
    const store = configureStore({
      reducer: combineSlices(baseApi),
      middleware: (getDefault) => getDefault({ serializableCheck: false }).prepend(listener.middleware).concat(baseApi.middleware, record),
    });
    const entry = () => feedbackApi.endpoints.listFeedback.select("v2")(store.getState()).data;
    const send = (type: string, data: unknown) => store.dispatch(wsEventReceived({ stream: "version:v2", type, seq: 1, ts: null, data }));
    store.dispatch(feedbackApi.endpoints.listFeedback.initiate("v2"));
    await waitFor(() => expect(entry()?.ids).toHaveLength(300));
    const before = entry()!;

    // Missed while the socket was connecting: an edit, a new comment and a deletion.
    rows[10] = { ...rows[10]!, body: "고쳤어요" };
    rows.splice(120, 0, comment({ id: "n1", frame: 119, body: "새 코멘트", created_at: "2026-03-02T09:00:00Z" }));
    rows.splice(rows.findIndex((row) => row.id === "c200"), 1);
    watching = true;
    let releaseFirstPage = () => undefined as void;
    holdFirstPage = new Promise<void>((resolve) => (releaseFirstPage = resolve));

    // What the room's socket does on first contact (and on resync).
    store.dispatch(baseApi.util.invalidateTags(["Feedback", "Version"]));
    await waitFor(() => expect(entry()?.reread).not.toBeNull());
    // Live, while the reread's first page is on its way: an edit to 20 (that page is older) and a
    // reaction to 250 (not reread yet).
    rows[20] = { ...rows[20]!, body: "방금 고침" };
    send("feedback.updated", { feedback: rows[20] });
    send("reaction.added", { feedback_id: "c250", parent_id: null, emoji: "👍", reactions: [{ emoji: "👍", count: 1, user_ids: ["u9"] }] });
    releaseFirstPage();
    await waitFor(() => expect(entry()?.reread).toBeNull());

    const after = entry()!;
    expect(Math.min(...seen.map((list) => list.ids.length))).toBeGreaterThanOrEqual(300);
    expect(seen.some((list) => isLoadingMore(list))).toBe(false);
    expect(feedbackItems(after).map((item) => item.id)).toEqual(rows.map((row) => row.id));
    expect(after.entities.c10?.body).toBe("고쳤어요");
    expect(after.entities.c20?.body).toBe("방금 고침");
    expect(after.entities.c250?.reactions).toEqual([{ emoji: "👍", count: 1, user_ids: ["u9"] }]);
    expect(after.entities.c200).toBeUndefined();
    expect(after.entities.c5).toBe(before.entities.c5);
    // The first load (50, 200, 50), then the reread once (50, 200, 50).
    expect(stub.requests.map((request) => new URLSearchParams(request.search).get("cursor"))).toEqual([null, "50", "250", null, "50", "250"]);
  });
});

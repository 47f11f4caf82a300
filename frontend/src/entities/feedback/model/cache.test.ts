import { createNextState } from "@reduxjs/toolkit";
import { describe, expect, it } from "vitest";

import {
  feedbackItems,
  feedbackListFrom,
  isLoadingMore,
  mergeFeedbackPage,
  removeFromList,
  setReactionsInList,
  toggleReaction,
  upsertInList,
  type FeedbackList,
} from "./cache";
import { makeFeedback } from "./fixtures";

// The operations run on RTK Query drafts; `produce` gives them one here.
const apply = (list: FeedbackList, change: (draft: FeedbackList) => void) => createNextState(list, change);
const ids = (list: FeedbackList) => feedbackItems(list).map((item) => item.id);

describe("live list updates", () => {
  it("inserts in timeline order, replaces by id, and nests replies under their parent", () => {
    let list = feedbackListFrom([makeFeedback({ id: "a", frame: 10 }), makeFeedback({ id: "c", frame: 50 })], null);
    list = apply(list, (draft) => upsertInList(draft, makeFeedback({ id: "b", frame: 30 })));
    expect(ids(list)).toEqual(["a", "b", "c"]);
    list = apply(list, (draft) => upsertInList(draft, makeFeedback({ id: "b", frame: 30, body: "수정됨" })));
    expect(ids(list)).toEqual(["a", "b", "c"]);
    expect(list.entities.b?.body).toBe("수정됨");
    list = apply(list, (draft) => upsertInList(draft, makeFeedback({ id: "r1", parent_id: "a", frame: 10 })));
    list = apply(list, (draft) => upsertInList(draft, makeFeedback({ id: "r1", parent_id: "a", frame: 10, body: "같은 답글" })));
    expect(list.entities.a?.replies.map((reply) => reply.body)).toEqual(["같은 답글"]);
  });

  it("removes a comment, but keeps a deleted one that still has replies as a placeholder", () => {
    let list = feedbackListFrom(
      [makeFeedback({ id: "a", frame: 10, replies: [makeFeedback({ id: "r", parent_id: "a" })] }), makeFeedback({ id: "b", frame: 20 })],
      null,
    );
    list = apply(list, (draft) => {
      removeFromList(draft, "b", null);
      removeFromList(draft, "a", null);
    });
    expect(ids(list)).toEqual(["a"]);
    expect(list.entities.a).toMatchObject({ deleted: true, body: "" });
    list = apply(list, (draft) => removeFromList(draft, "r", "a"));
    expect(list.entities.a?.replies).toEqual([]);
  });

  it("changes only the comment it touches: the others keep their identity (their rows do not re-render)", () => {
    const list = feedbackListFrom([makeFeedback({ id: "a", frame: 10 }), makeFeedback({ id: "b", frame: 20 })], null);
    const next = apply(list, (draft) => setReactionsInList(draft, "b", [{ emoji: "👍", count: 1, user_ids: ["u2"] }]));
    expect(next.entities.a).toBe(list.entities.a);
    expect(next.entities.b).not.toBe(list.entities.b);
    expect(feedbackItems(next)).toBe(feedbackItems(next));
  });

  it("toggles a user's reaction", () => {
    const on = toggleReaction([], "👍", "u1", true);
    expect(on).toEqual([{ emoji: "👍", count: 1, user_ids: ["u1"] }]);
    expect(toggleReaction(on, "👍", "u1", true)).toBe(on);
    const two = toggleReaction(on, "👍", "u2", true);
    expect(two[0]?.count).toBe(2);
    expect(toggleReaction(two, "👍", "u1", false)).toEqual([{ emoji: "👍", count: 1, user_ids: ["u2"] }]);
    expect(toggleReaction(on, "👍", "u1", false)).toEqual([]);
  });
});

describe("pages loaded in the background", () => {
  const later = [makeFeedback({ id: "c", frame: 500 }), makeFeedback({ id: "d", frame: 600, body: "페이지 사본" })];

  it("appends a page, keeping what live events already brought, and finishes with the last", () => {
    let list = feedbackListFrom([makeFeedback({ id: "a", frame: 10 })], "versions/v1/feedback/?cursor=2");
    expect(isLoadingMore(list)).toBe(true);
    // A live event for a comment of the coming page: newer than the page's copy.
    list = apply(list, (draft) => upsertInList(draft, makeFeedback({ id: "d", frame: 600, body: "실시간 사본" })));
    list = apply(list, (draft) => mergeFeedbackPage(draft, later, null));
    expect(ids(list)).toEqual(["a", "c", "d"]);
    expect(list.entities.d?.body).toBe("실시간 사본");
    expect(isLoadingMore(list)).toBe(false);
  });

  it("applies changes to comments not loaded yet once their page arrives", () => {
    let list = feedbackListFrom([makeFeedback({ id: "a", frame: 10 })], "versions/v1/feedback/?cursor=2");
    list = apply(list, (draft) => {
      upsertInList(draft, makeFeedback({ id: "r1", parent_id: "c", frame: 500, body: "답글" }));
      setReactionsInList(draft, "c", [{ emoji: "🔥", count: 2, user_ids: ["u1", "u2"] }]);
      removeFromList(draft, "d", null);
      setReactionsInList(draft, "zz", []);
    });
    list = apply(list, (draft) => mergeFeedbackPage(draft, later, "versions/v1/feedback/?cursor=3"));
    expect(ids(list)).toEqual(["a", "c"]);
    expect(list.entities.c?.replies.map((reply) => reply.body)).toEqual(["답글"]);
    expect(list.entities.c?.reactions).toEqual([{ emoji: "🔥", count: 2, user_ids: ["u1", "u2"] }]);
    // The change for a comment no page brought waits for the next page, and is dropped after the last.
    expect(list.deferred).toEqual([{ kind: "reactions", id: "zz", reactions: [] }]);
    list = apply(list, (draft) => mergeFeedbackPage(draft, [], null));
    expect(list.deferred).toEqual([]);
  });

  it("keeps nothing for later once every page is in", () => {
    let list = feedbackListFrom([makeFeedback({ id: "a", frame: 10 })], null);
    list = apply(list, (draft) => removeFromList(draft, "x", null));
    expect(list.deferred).toEqual([]);
  });
});

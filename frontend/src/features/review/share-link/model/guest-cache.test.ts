import { createNextState } from "@reduxjs/toolkit";
import { describe, expect, it } from "vitest";

import { commentListFrom, feedbackItems, mergeFeedbackPage, upsertInList, type CommentList } from "@/entities/feedback";

import type { GuestFeedback } from "../api/guest-api";
import { applyGuestEvent } from "./guest-cache";

function comment(id: string, overrides: Partial<GuestFeedback> = {}): GuestFeedback {
  return {
    id,
    parent_id: null,
    version_number: 2,
    carried_over: false,
    author: { display_name: "Editor", is_guest: false },
    body: `comment ${id}`,
    frame: 10,
    end_frame: null,
    fps: 25,
    timecode: 0.4,
    smpte: "00:00:00:10",
    end_smpte: null,
    annotation: null,
    reactions: [],
    resolved: false,
    deleted: false,
    edited_at: null,
    created_at: `2026-01-01T00:00:0${id.length}Z`,
    replies: [],
    ...overrides,
  };
}

// The events apply to RTK Query drafts; `produce` gives them one here.
function live(list: CommentList<GuestFeedback>, ...events: Array<[string, unknown]>): CommentList<GuestFeedback> {
  return createNextState(list, (draft) => {
    for (const [type, data] of events) applyGuestEvent(draft, type, data);
  });
}

const listOf = (...feedback: GuestFeedback[]) => commentListFrom(feedback, null);
const ids = (list: CommentList<GuestFeedback>) => feedbackItems(list).map((item) => item.id);

describe("the guest page's comments, live", () => {
  it("adds a new comment in timeline order, once even when the form's answer and the socket both bring it", () => {
    const created = comment("b", { frame: 20 });
    let cached = live(listOf(comment("a", { frame: 5 }), comment("c", { frame: 50 })), ["feedback.created", { feedback: created }]);
    cached = createNextState(cached, (draft) => upsertInList(draft, created));
    expect(ids(cached)).toEqual(["a", "b", "c"]);
  });

  it("puts a reply under its comment and updates the comment's reactions", () => {
    const cached = live(
      listOf(comment("a")),
      ["feedback.created", { feedback: comment("r", { parent_id: "a" }) }],
      ["reaction.added", { feedback_id: "a", parent_id: null, reactions: [{ emoji: "👍", count: 2 }] }],
      ["reaction.added", { feedback_id: "r", parent_id: "a", reactions: [{ emoji: "🎉", count: 1 }] }],
    );
    const [top] = feedbackItems(cached);
    expect(top?.replies.map((reply) => reply.id)).toEqual(["r"]);
    expect(top?.reactions).toEqual([{ emoji: "👍", count: 2 }]);
    expect(top?.replies[0]?.reactions).toEqual([{ emoji: "🎉", count: 1 }]);
  });

  it("drops a comment made internal, and a deleted one unless replies keep its place", () => {
    const cached = live(
      listOf(comment("a"), comment("b", { replies: [comment("r", { parent_id: "b" })] }), comment("c")),
      ["feedback.hidden", { feedback: { id: "a", parent_id: null } }],
      ["feedback.deleted", { feedback: comment("b", { deleted: true, body: "", replies: [comment("r", { parent_id: "b" })] }) }],
      ["feedback.deleted", { feedback: comment("c", { deleted: true, body: "" }) }],
    );
    expect(feedbackItems(cached).map((item) => [item.id, item.deleted])).toEqual([["b", true]]);
  });

  it("keeps the version's own resolved comment but lets a carried-over one go once resolved", () => {
    const carried = comment("old", { version_number: 1, carried_over: true });
    let cached = live(
      listOf(carried, comment("own")),
      ["feedback.resolved", { feedback: { ...carried, resolved: true } }],
      ["feedback.resolved", { feedback: comment("own", { resolved: true }) }],
    );
    expect(feedbackItems(cached).map((item) => [item.id, item.resolved])).toEqual([["own", true]]);
    cached = live(cached, ["feedback.reopened", { feedback: carried }]);
    expect(ids(cached).sort()).toEqual(["old", "own"]);
  });

  it("holds changes to comments whose page has not arrived and applies them when it does", () => {
    // The first page holds a and b; c, d and e are on the next page, still loading.
    const first = commentListFrom([comment("a", { frame: 1 }), comment("b", { frame: 2 })], "share/t/feedback/?cursor=x&page_size=200");
    const cached = live(
      first,
      ["feedback.created", { feedback: comment("rc", { parent_id: "c", frame: 3 }) }],
      ["reaction.added", { feedback_id: "d", parent_id: null, reactions: [{ emoji: "👀", count: 1 }] }],
      ["feedback.hidden", { feedback: { id: "e", parent_id: null } }],
    );
    expect(ids(cached)).toEqual(["a", "b"]);
    const loaded = createNextState(cached, (draft) =>
      mergeFeedbackPage(draft, [comment("c", { frame: 3 }), comment("d", { frame: 4 }), comment("e", { frame: 5 })], null),
    );
    expect(ids(loaded)).toEqual(["a", "b", "c", "d"]);
    expect(loaded.entities.c?.replies.map((reply) => reply.id)).toEqual(["rc"]);
    expect(loaded.entities.d?.reactions).toEqual([{ emoji: "👀", count: 1 }]);
    expect(loaded.deferred).toEqual([]);
  });
});

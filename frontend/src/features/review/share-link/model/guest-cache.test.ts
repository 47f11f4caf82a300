import { describe, expect, it } from "vitest";

import type { GuestFeedback, SharePage } from "../api/guest-api";
import { applyGuestEvent, upsertGuestComment } from "./guest-cache";

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

function page(...feedback: GuestFeedback[]): SharePage {
  return {
    link: { permission: "comment", label: "", expires_at: "2026-02-01T00:00:00Z" },
    project: { name: "Brand film" },
    asset: { title: "Main cut" },
    version: {
      number: 2,
      label: "",
      status: "ready",
      duration: 10,
      fps: 25,
      frame_count: 250,
      width: 1920,
      height: 1080,
      file_url: null,
      poster_url: null,
    },
    feedback,
  };
}

describe("the guest page's comments, live", () => {
  it("adds a new comment in timeline order, once even when the form's answer and the socket both bring it", () => {
    const cached = page(comment("a", { frame: 5 }), comment("c", { frame: 50 }));
    const created = comment("b", { frame: 20 });
    applyGuestEvent(cached, "feedback.created", { feedback: created });
    upsertGuestComment(cached, created);
    expect(cached.feedback.map((item) => item.id)).toEqual(["a", "b", "c"]);
  });

  it("puts a reply under its comment and updates the comment's reactions", () => {
    const cached = page(comment("a"));
    applyGuestEvent(cached, "feedback.created", { feedback: comment("r", { parent_id: "a" }) });
    applyGuestEvent(cached, "reaction.added", { feedback_id: "a", parent_id: null, reactions: [{ emoji: "👍", count: 2 }] });
    applyGuestEvent(cached, "reaction.added", { feedback_id: "r", parent_id: "a", reactions: [{ emoji: "🎉", count: 1 }] });
    const [top] = cached.feedback;
    expect(top?.replies.map((reply) => reply.id)).toEqual(["r"]);
    expect(top?.reactions).toEqual([{ emoji: "👍", count: 2 }]);
    expect(top?.replies[0]?.reactions).toEqual([{ emoji: "🎉", count: 1 }]);
  });

  it("drops a comment made internal, and a deleted one unless replies keep its place", () => {
    const cached = page(comment("a"), comment("b", { replies: [comment("r", { parent_id: "b" })] }), comment("c"));
    applyGuestEvent(cached, "feedback.hidden", { feedback: { id: "a", parent_id: null } });
    applyGuestEvent(cached, "feedback.deleted", { feedback: comment("b", { deleted: true, body: "", replies: [comment("r", { parent_id: "b" })] }) });
    applyGuestEvent(cached, "feedback.deleted", { feedback: comment("c", { deleted: true, body: "" }) });
    expect(cached.feedback.map((item) => [item.id, item.deleted])).toEqual([["b", true]]);
  });

  it("keeps the version's own resolved comment but lets a carried-over one go once resolved", () => {
    const carried = comment("old", { version_number: 1, carried_over: true });
    const cached = page(carried, comment("own"));
    applyGuestEvent(cached, "feedback.resolved", { feedback: { ...carried, resolved: true } });
    applyGuestEvent(cached, "feedback.resolved", { feedback: comment("own", { resolved: true }) });
    expect(cached.feedback.map((item) => [item.id, item.resolved])).toEqual([["own", true]]);
    applyGuestEvent(cached, "feedback.reopened", { feedback: carried });
    expect(cached.feedback.map((item) => item.id).sort()).toEqual(["old", "own"]);
  });
});

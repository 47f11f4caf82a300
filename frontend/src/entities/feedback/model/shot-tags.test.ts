import { createNextState } from "@reduxjs/toolkit";
import { describe, expect, it } from "vitest";

import { feedbackItems, feedbackListFrom } from "./cache";
import { retagShots, type ShotSpan } from "./shot-tags";
import { feedbackShots, filterFeedback } from "./sync";
import { DEFAULT_FEEDBACK_FILTER, type Feedback } from "./types";
import { makeFeedback } from "./fixtures";

function comment(id: string, frame: number, shot: Feedback["shot"], replies: Feedback[] = []): Feedback {
  return makeFeedback({ id, body: id, frame, shot, replies, created_at: `2026-03-01T09:00:0${frame % 10}Z` });
}

const one = { shot_id: "s1", number: 1 };
const two = { shot_id: "s2", number: 2 };
const spans = (cut: number): ShotSpan[] => [
  { ...one, start_frame: 0, end_frame: cut },
  { ...two, start_frame: cut, end_frame: 100 },
];

describe("comments follow the version's shot map", () => {
  it("retags the comments whose shot moved (replies with them) and keeps the others' identity", () => {
    const reply = { ...comment("r", 30, two), parent_id: "b" };
    const list = feedbackListFrom([comment("a", 10, one), comment("b", 30, two, [reply]), comment("c", 150, null)], null);
    const [a, , c] = feedbackItems(list);

    // The listener runs on an RTK Query draft; `produce` gives it one here.
    const [a2, b2, c2] = feedbackItems(createNextState(list, (draft) => retagShots(draft, spans(40))));
    expect(b2!.shot).toEqual(one);
    expect(b2!.replies[0]!.shot).toEqual(one);
    expect(a2).toBe(a);
    expect(c2).toBe(c);
    expect(c2!.shot).toBeNull();
  });

  it("untags every comment when the map is gone (unlinked)", () => {
    const list = feedbackListFrom([comment("a", 10, one)], null);
    expect(feedbackItems(createNextState(list, (draft) => retagShots(draft, [])))[0]!.shot).toBeNull();
  });

  it("filters by shot and lists the shots comments are in, by number", () => {
    const items = [comment("a", 60, two), comment("b", 10, one), comment("c", 11, one), comment("d", 150, null)];
    expect(filterFeedback(items, { ...DEFAULT_FEEDBACK_FILTER, shot: "s1" }).map((item) => item.id)).toEqual(["b", "c"]);
    expect(filterFeedback(items, DEFAULT_FEEDBACK_FILTER)).toHaveLength(4);
    expect(feedbackShots(items)).toEqual([one, two]);
  });
});

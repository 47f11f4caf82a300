import { describe, expect, it } from "vitest";

import { currentFeedbackId, feedbackAtFrame, feedbackAuthors, filterFeedback } from "./sync";
import { DEFAULT_FEEDBACK_FILTER } from "./types";
import { makeFeedback } from "./fixtures";

const list = [
  makeFeedback({ id: "a", frame: 10 }),
  makeFeedback({ id: "b", frame: 40, end_frame: 60 }),
  makeFeedback({ id: "c", frame: 50, resolved: true, internal: true, author: { id: "u2", email: "s@example.com", display_name: "서연", avatar: null } }),
  makeFeedback({ id: "d", frame: 100, annotation: { shapes: [{ type: "rect", x: 0.1, y: 0.1, w: 0.2, h: 0.2, color: "#ff4d4f" }] } }),
];

describe("comment list synced to the playhead", () => {
  it("a point comment is current from its frame for the hold time; a range for its whole span", () => {
    expect(currentFeedbackId(list, 9, 25)).toBeNull();
    expect(currentFeedbackId(list, 10, 25)).toBe("a");
    expect(currentFeedbackId(list, 35, 25)).toBe("a");
    expect(currentFeedbackId(list, 36, 25)).toBeNull();
    expect(currentFeedbackId(list, 45, 25)).toBe("b");
    // Two overlap: the one that started last wins the highlight.
    expect(currentFeedbackId(list, 55, 25)).toBe("c");
    expect(feedbackAtFrame(list, 55, 25).map((item) => item.id)).toEqual(["b", "c"]);
    expect(currentFeedbackId(list, 61, 0)).toBeNull();
  });

  it("shows a drawing only on its exact frame when paused (hold 0)", () => {
    expect(feedbackAtFrame(list, 100, 0).map((item) => item.id)).toEqual(["d"]);
    expect(feedbackAtFrame(list, 101, 0)).toEqual([]);
  });

  it("never highlights a deleted placeholder", () => {
    expect(currentFeedbackId([makeFeedback({ id: "x", frame: 5, deleted: true })], 5, 25)).toBeNull();
  });

  it("filters by resolved state, visibility, drawing and author", () => {
    const ids = (filter: Partial<typeof DEFAULT_FEEDBACK_FILTER>) =>
      filterFeedback(list, { ...DEFAULT_FEEDBACK_FILTER, ...filter }).map((item) => item.id);
    expect(ids({})).toEqual(["a", "b", "c", "d"]);
    expect(ids({ resolved: "open" })).toEqual(["a", "b", "d"]);
    expect(ids({ resolved: "resolved" })).toEqual(["c"]);
    expect(ids({ internal: "internal" })).toEqual(["c"]);
    expect(ids({ internal: "public" })).toEqual(["a", "b", "d"]);
    expect(ids({ annotated: true })).toEqual(["d"]);
    expect(ids({ author: "u2" })).toEqual(["c"]);
    expect(feedbackAuthors(list)).toEqual([
      { id: "u1", name: "민준" },
      { id: "u2", name: "서연" },
    ]);
  });
});

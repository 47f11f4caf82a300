import { describe, expect, it } from "vitest";

import { commentMarkers } from "./comment-markers";

describe("commentMarkers", () => {
  const base = { end_frame: null, resolved: false };

  it("marks every comment but deleted ones, labelled by author and the body's start", () => {
    const items = [
      { ...base, id: "a", frame: 10, body: "x".repeat(80), author: "민지" },
      { ...base, id: "b", frame: 20, body: "gone", author: "준호", deleted: true },
      { ...base, id: "c", frame: 30, end_frame: 40, body: "range", author: "Guest", internal: true, resolved: true },
    ];
    const markers = commentMarkers(items, (item) => item.author);
    expect(markers).toEqual([
      { id: "a", frame: 10, endFrame: null, label: `민지: ${"x".repeat(60)}`, resolved: false, internal: undefined },
      { id: "c", frame: 30, endFrame: 40, label: "Guest: range", resolved: true, internal: true },
    ]);
  });
});

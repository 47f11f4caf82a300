import { describe, expect, it } from "vitest";

import { shotAt, shotIndexAt } from "./lookup";

const shots = [
  { id: "a", start_frame: 0, end_frame: 10 },
  { id: "b", start_frame: 10, end_frame: 25 },
  // a gap 25..30
  { id: "c", start_frame: 30, end_frame: 40 },
];

describe("shot lookup by frame (end exclusive, like the server)", () => {
  it("finds the shot holding the frame, its first and last frames included", () => {
    expect(shotAt(shots, 0)?.id).toBe("a");
    expect(shotAt(shots, 9)?.id).toBe("a");
    expect(shotAt(shots, 10)?.id).toBe("b");
    expect(shotAt(shots, 24)?.id).toBe("b");
    expect(shotAt(shots, 39)?.id).toBe("c");
  });

  it("has no shot in a gap, past the end or on an empty map", () => {
    expect(shotAt(shots, 25)).toBeNull();
    expect(shotAt(shots, 29)).toBeNull();
    expect(shotAt(shots, 40)).toBeNull();
    expect(shotIndexAt(shots, 1000)).toBe(-1);
    expect(shotAt([], 0)).toBeNull();
  });

  it("has none before a map that starts late", () => {
    expect(shotIndexAt([{ start_frame: 5, end_frame: 9 }], 4)).toBe(-1);
    expect(shotIndexAt([{ start_frame: 5, end_frame: 9 }], 5)).toBe(0);
  });
});

import { describe, expect, it } from "vitest";

import { commandForKey, timelinePosition } from "./keys";

describe("player keys", () => {
  it("steps one frame with the arrows and a second with shift", () => {
    expect(commandForKey("ArrowRight", false, 1, false)).toEqual({ kind: "step", frames: 1 });
    expect(commandForKey("ArrowLeft", false, 1, false)).toEqual({ kind: "step", frames: -1 });
    expect(commandForKey("ArrowLeft", true, 1, false)).toEqual({ kind: "seekSeconds", seconds: -1 });
  });

  it("J/K/L: back, pause, play faster each press", () => {
    expect(commandForKey("k", false, 1, true)).toEqual({ kind: "pause" });
    expect(commandForKey("l", false, 1, false)).toEqual({ kind: "play", rate: 1 });
    expect(commandForKey("l", false, 1, true)).toEqual({ kind: "play", rate: 2 });
    expect(commandForKey("L", false, 4, true)).toEqual({ kind: "play", rate: 4 });
    expect(commandForKey("j", false, 1, true)).toEqual({ kind: "seekSeconds", seconds: -1 });
    expect(commandForKey(" ", false, 1, true)).toEqual({ kind: "toggle" });
    expect(commandForKey("x", false, 1, true)).toBeNull();
  });

  it("places frames on the timeline", () => {
    expect(timelinePosition(0, 49)).toBe(0);
    expect(timelinePosition(49, 49)).toBe(1);
    expect(timelinePosition(25, 50)).toBe(0.5);
    expect(timelinePosition(3, 0)).toBe(0);
  });
});

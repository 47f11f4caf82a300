import { describe, expect, it } from "vitest";

import { boundariesOf, boundaryLimits, frameAtRatio, moveBoundary, nudgeBoundary, toRanges, type ShotSpan } from "./boundaries";

const shot = (id: string, start: number, end: number, extra: object = {}): ShotSpan => ({ shot_id: id, start_frame: start, end_frame: end, ...extra });
// 1 and 2 touch; a gap 50..60; 3 ends before the cut does (100 frames).
const map = [shot("1", 0, 20), shot("2", 20, 50), shot("3", 60, 90)];

describe("shot boundaries", () => {
  it("shares the cut between touching shots and gives a gap's edges their own boundary", () => {
    expect(boundariesOf(map)).toEqual([
      { before: null, after: 0, frame: 0 },
      { before: 0, after: 1, frame: 20 },
      { before: 1, after: null, frame: 50 },
      { before: null, after: 2, frame: 60 },
      { before: 2, after: null, frame: 90 },
    ]);
    expect(boundariesOf([])).toEqual([]);
  });

  it("limits a shared cut to keep a frame in both shots", () => {
    const [, cut] = boundariesOf(map);
    expect(boundaryLimits(map, cut!, 100)).toEqual({ min: 1, max: 49 });
    expect(moveBoundary(map, cut!, 30, 100)).toEqual([shot("1", 0, 30), shot("2", 30, 50), map[2]]);
    expect(moveBoundary(map, cut!, -5, 100)[0]).toEqual(shot("1", 0, 1));
    expect(moveBoundary(map, cut!, 500, 100)[1]).toEqual(shot("2", 49, 50));
  });

  it("lets a free edge close a gap but never overlap the neighbour", () => {
    const boundaries = boundariesOf(map);
    const endOf2 = boundaries[2]!;
    const startOf3 = boundaries[3]!;
    expect(boundaryLimits(map, endOf2, 100)).toEqual({ min: 21, max: 60 });
    expect(boundaryLimits(map, startOf3, 100)).toEqual({ min: 50, max: 89 });
    expect(moveBoundary(map, endOf2, 75, 100)[1]).toEqual(shot("2", 20, 60));
    expect(moveBoundary(map, startOf3, 10, 100)[2]).toEqual(shot("3", 50, 90));
  });

  it("keeps the first start at 0 or later and the last end inside the cut", () => {
    const boundaries = boundariesOf(map);
    expect(boundaryLimits(map, boundaries[0]!, 100)).toEqual({ min: 0, max: 19 });
    expect(boundaryLimits(map, boundaries[4]!, 100)).toEqual({ min: 61, max: 100 });
    expect(moveBoundary(map, boundaries[4]!, 140, 100)[2]).toEqual(shot("3", 60, 100));
  });

  it("snaps to whole frames, keeps untouched shots and returns the same map for no move", () => {
    const cut = boundariesOf(map)[1]!;
    const moved = moveBoundary(map, cut, 24.6, 100);
    expect(moved[0]!.end_frame).toBe(25);
    expect(moved[2]).toBe(map[2]);
    expect(moveBoundary(map, cut, 20.2, 100)).toBe(map);
  });

  it("nudges by frames from where the boundary is (arrow keys)", () => {
    const cut = boundariesOf(map)[1]!;
    expect(nudgeBoundary(map, cut, 1, 100)[1]!.start_frame).toBe(21);
    expect(nudgeBoundary(map, cut, -25, 100)[0]!.end_frame).toBe(1);
  });

  it("keeps whatever else a shot carries and sends only the ranges", () => {
    const rich = [shot("1", 0, 10, { number: 1, description: "wide" }), shot("2", 10, 20, { number: 2 })];
    const moved = moveBoundary(rich, boundariesOf(rich)[1]!, 12, 20);
    expect(moved[0]).toMatchObject({ number: 1, description: "wide", end_frame: 12 });
    expect(toRanges(moved)).toEqual([shot("1", 0, 12), shot("2", 12, 20)]);
  });

  it("maps a pointer on the timeline's scale to a frame, the far end to the end of the cut", () => {
    expect(frameAtRatio(0, 99, 100)).toBe(0);
    expect(frameAtRatio(-0.2, 99, 100)).toBe(0);
    expect(frameAtRatio(0.5, 99, 100)).toBe(50);
    expect(frameAtRatio(0.999, 99, 100)).toBe(99);
    expect(frameAtRatio(1, 99, 100)).toBe(100);
  });
});

import { describe, expect, it } from "vitest";

import {
  clampFrame,
  frameAt,
  frameToSmpte,
  lastFrame,
  secondsToSmpte,
  seekTimeForFrame,
  smpteToFrame,
  timebase,
} from "./timecode";

describe("timecode math (same rules as apps/feedbacks/timecode.py)", () => {
  it("takes the frame on screen: floor(seconds × fps), robust to float noise", () => {
    expect(frameAt(0, 25)).toBe(0);
    expect(frameAt(0.039, 25)).toBe(0);
    expect(frameAt(0.04, 25)).toBe(1);
    expect(frameAt(1.2, 25)).toBe(30);
    // 0.1 × 30 is 3.0000000000000004 or 2.9999999999999996 depending on the path.
    expect(frameAt(0.1, 30)).toBe(3);
    expect(frameAt(-1, 25)).toBe(0);
    expect(frameAt(Number.NaN, 25)).toBe(0);
  });

  it("seeks to the middle of a frame so the decoder lands on it", () => {
    expect(seekTimeForFrame(10, 25)).toBeCloseTo(0.42);
    expect(frameAt(seekTimeForFrame(10, 25), 25)).toBe(10);
    const ntsc = 30000 / 1001;
    for (const frame of [0, 1, 29, 30, 1799, 107_892]) {
      expect(frameAt(seekTimeForFrame(frame, ntsc), ntsc)).toBe(frame);
    }
  });

  it("formats non-drop-frame SMPTE at round(fps)", () => {
    expect(timebase(29.97002997)).toBe(30);
    expect(timebase(23.976)).toBe(24);
    expect(frameToSmpte(0, 25)).toBe("00:00:00:00");
    expect(frameToSmpte(24, 25)).toBe("00:00:00:24");
    expect(frameToSmpte(25, 25)).toBe("00:00:01:00");
    expect(frameToSmpte(25 * 3661 + 7, 25)).toBe("01:01:01:07");
    expect(frameToSmpte(1800, 30000 / 1001)).toBe("00:01:00:00");
    expect(secondsToSmpte(1.96, 25)).toBe("00:00:01:24");
  });

  it("parses SMPTE back to the same frame and refuses bad input", () => {
    for (const frame of [0, 7, 25, 1499, 90_000]) {
      expect(smpteToFrame(frameToSmpte(frame, 25), 25)).toBe(frame);
    }
    expect(smpteToFrame("00:00:01;05", 30)).toBe(35);
    expect(smpteToFrame("00:00:01:25", 25)).toBeNull();
    expect(smpteToFrame("0:00:01:00", 25)).toBeNull();
    expect(smpteToFrame("00:61:00:00", 25)).toBeNull();
  });

  it("knows the last frame and clamps to it", () => {
    expect(lastFrame(25, 50)).toBe(49);
    expect(lastFrame(25, null, 2)).toBe(49);
    expect(lastFrame(25, null, null)).toBe(0);
    expect(clampFrame(-3, 49)).toBe(0);
    expect(clampFrame(80, 49)).toBe(49);
    expect(clampFrame(12.4, 49)).toBe(12);
  });
});

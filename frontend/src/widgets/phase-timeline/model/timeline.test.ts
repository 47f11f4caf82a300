import { describe, expect, it } from "vitest";

import {
  addDays,
  applyDrag,
  axisTicks,
  barGeometry,
  daysBetween,
  phaseLength,
  pixelsToDays,
  timelineRange,
} from "./timeline";

describe("phase timeline date math", () => {
  it("adds days across months and leap days without time-zone drift", () => {
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2028-02-29", 1)).toBe("2028-03-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(daysBetween("2026-12-30", "2027-01-02")).toBe(3);
    expect(phaseLength({ start: "2026-05-01", end: "2026-05-01" })).toBe(1);
  });

  it("moves a phase by whole days, keeping its length", () => {
    expect(applyDrag({ start: "2026-05-01", end: "2026-05-10" }, "move", 3)).toEqual({
      start: "2026-05-04",
      end: "2026-05-13",
    });
    expect(applyDrag({ start: "2026-05-01", end: "2026-05-10" }, "move", -5)).toEqual({
      start: "2026-04-26",
      end: "2026-05-05",
    });
  });

  it("resizes one end and never lets the end come before the start", () => {
    const phase = { start: "2026-05-01", end: "2026-05-10" };
    expect(applyDrag(phase, "end", 4)).toEqual({ start: "2026-05-01", end: "2026-05-14" });
    expect(applyDrag(phase, "end", -20)).toEqual({ start: "2026-05-01", end: "2026-05-01" });
    expect(applyDrag(phase, "start", -2)).toEqual({ start: "2026-04-29", end: "2026-05-10" });
    expect(applyDrag(phase, "start", 30)).toEqual({ start: "2026-05-10", end: "2026-05-10" });
  });

  it("turns pointer pixels into days at the track's scale", () => {
    const range = { start: "2026-05-01", days: 30 };
    // 600 px for 30 days: 20 px a day.
    expect(pixelsToDays(60, 600, range)).toBe(3);
    expect(pixelsToDays(9, 600, range)).toBe(0);
    expect(pixelsToDays(11, 600, range)).toBe(1);
    expect(pixelsToDays(-41, 600, range)).toBe(-2);
    expect(Object.is(pixelsToDays(-4, 600, range), -0)).toBe(false);
    expect(pixelsToDays(100, 0, range)).toBe(0);
  });

  it("shows every phase, today and the deadline with some air", () => {
    const range = timelineRange(
      [
        { start: "2026-05-10", end: "2026-05-20" },
        { start: "2026-06-01", end: "2026-06-30" },
      ],
      { today: "2026-05-15", deadline: "2026-07-05", padDays: 2 },
    );
    expect(range.start).toBe("2026-05-08");
    expect(addDays(range.start, range.days - 1)).toBe("2026-07-07");
  });

  it("keeps a minimum window around a lone day", () => {
    const range = timelineRange([], { today: "2026-05-15", minDays: 21, padDays: 0 });
    expect(range.days).toBe(21);
    expect(range.start).toBe("2026-05-05");
  });

  it("places bars in percent of the window", () => {
    const range = { start: "2026-05-01", days: 20 };
    expect(barGeometry(range, { start: "2026-05-06", end: "2026-05-10" })).toEqual({ left: 25, width: 25 });
  });

  it("marks months and Mondays on the axis without crowding", () => {
    const ticks = axisTicks({ start: "2026-04-20", days: 30 });
    // Apr 27 and May 4 sit too close to May 1; May 18 too close to the edge.
    expect(ticks.map((tick) => [tick.iso, tick.major])).toEqual([
      ["2026-04-20", false],
      ["2026-05-01", true],
      ["2026-05-11", false],
    ]);
  });
});

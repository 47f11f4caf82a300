import { describe, expect, it } from "vitest";

import {
  addDays,
  applyDrag,
  axisTicks,
  barGeometry,
  daysBetween,
  labelledTicks,
  namePlacement,
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

  it("marks month starts and, in a short window, Mondays on the axis", () => {
    const ticks = axisTicks({ start: "2026-04-20", days: 30 });
    expect(ticks.map((tick) => [tick.iso, tick.major])).toEqual([
      ["2026-04-20", false],
      ["2026-04-27", false],
      ["2026-05-01", true],
      ["2026-05-11", false],
      ["2026-05-18", false],
    ]);
    expect(ticks[2]?.left).toBeCloseTo((11 / 30) * 100);
    // A long window marks months only.
    expect(axisTicks({ start: "2026-01-01", days: 200 }).every((tick) => tick.major)).toBe(true);
  });
});

describe("axis labels by measured width", () => {
  // The demo schedule's window (Oct 30 – Jan 18) on a 580 px track, labels 52 px wide.
  const ticks = axisTicks({ start: "2026-10-30", days: 81 });
  const width = () => 52;

  it("never lets two labels come closer than the gap", () => {
    const kept = labelledTicks(ticks, 580, width, 8);
    const spans = ticks.filter((tick) => kept.has(tick.iso)).map((tick) => (tick.left / 100) * 580);
    spans.slice(1).forEach((from, index) => expect(from - spans[index]!).toBeGreaterThanOrEqual(52 + 8));
    expect(kept.size).toBeGreaterThan(3);
  });

  it("keeps month starts over the Mondays beside them", () => {
    const kept = labelledTicks(ticks, 580, width);
    expect(kept.has("2026-11-01")).toBe(true);
    expect(kept.has("2026-12-01")).toBe(true);
    expect(kept.has("2027-01-01")).toBe(true);
    expect(ticks.some((tick) => tick.iso === "2026-11-02")).toBe(false); // the Monday right after Nov 1 gives way to it
  });

  it("never puts a Monday's line within three days of a month's first", () => {
    const days = ticks.map((tick) => Date.parse(tick.iso) / 86_400_000);
    days.slice(1).forEach((day, index) => expect(day - days[index]!).toBeGreaterThanOrEqual(4));
  });

  it("labels the Mondays at an even stride when not all fit", () => {
    // Korean labels (≈ 60 px) where a week is ≈ 50 px: every second Monday, not a random few.
    const kept = labelledTicks(ticks, 580, () => 60);
    const mondays = ticks.filter((tick) => !tick.major);
    const labelled = mondays.map((tick, index) => [index, kept.has(tick.iso)] as const).filter(([, on]) => on).map(([index]) => index);
    expect(labelled.length).toBeGreaterThanOrEqual(2);
    labelled.slice(1).forEach((index, at) => expect((index - labelled[at]!) % 2).toBe(0));
  });

  it("drops a label that would run past the track's end", () => {
    const kept = labelledTicks(ticks, 580, width);
    const lastKept = ticks.filter((tick) => kept.has(tick.iso)).at(-1)!;
    expect((lastKept.left / 100) * 580 + 52).toBeLessThanOrEqual(580);
    expect(kept.has("2027-01-18")).toBe(false);
  });

  it("labels every tick when there is room", () => {
    expect(labelledTicks(ticks, 8000, width).size).toBe(ticks.length);
  });

  it("labels nothing on a track with no width", () => {
    expect(labelledTicks(ticks, 0, width).size).toBe(0);
  });
});

describe("bar names", () => {
  it("stay inside a bar wide enough", () => {
    expect(namePlacement({ left: 100, width: 140 }, 80, 600, { inset: 36 })).toBe("inside");
  });

  it("go after a bar too narrow for them", () => {
    // "프리프로덕션" (≈ 72 px) on a 86 px bar with handles and padding.
    expect(namePlacement({ left: 200, width: 86 }, 72, 600, { inset: 36 })).toBe("after");
  });

  it("go before a narrow bar at the right edge", () => {
    expect(namePlacement({ left: 540, width: 36 }, 30, 600, { inset: 36 })).toBe("before");
  });

  it("take the roomier side when neither fits", () => {
    expect(namePlacement({ left: 20, width: 10 }, 200, 100)).toBe("after");
    expect(namePlacement({ left: 70, width: 10 }, 200, 100)).toBe("before");
  });
});

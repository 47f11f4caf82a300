import { describe, expect, it } from "vitest";

import { intervalsFor, parseLocalDate, resolveRange, toLocalDateString } from "./range";

// Local-time constructors keep the test true in any TZ the runner has.
const now = new Date(2026, 2, 10, 15, 42, 7);

describe("resolveRange", () => {
  it("today runs from local midnight to now, hourly", () => {
    expect(resolveRange({ preset: "today" }, now)).toEqual({
      from: new Date(2026, 2, 10).toISOString(),
      to: now.toISOString(),
      interval: "hour",
    });
  });

  it("7d and 30d include today and start 6 and 29 days back, daily over UTC days like the server's buckets", () => {
    expect(resolveRange({ preset: "7d" }, now)).toEqual({
      from: "2026-03-04T00:00:00.000Z",
      to: now.toISOString(),
      interval: "day",
    });
    expect(resolveRange({ preset: "30d" }, now)).toMatchObject({
      from: "2026-02-09T00:00:00.000Z",
      interval: "day",
    });
  });

  it("7d hourly keeps local midnights", () => {
    expect(resolveRange({ preset: "7d", interval: "hour" }, now)?.from).toBe(new Date(2026, 2, 4).toISOString());
  });

  it("keeps a chosen interval when the range allows it and drops it when not", () => {
    expect(resolveRange({ preset: "7d", interval: "hour" }, now)?.interval).toBe("hour");
    expect(resolveRange({ preset: "today", interval: "day" }, now)?.interval).toBe("day");
    expect(resolveRange({ preset: "30d", interval: "hour" }, now)?.interval).toBe("day");
  });

  it("custom covers whole local days, clamped to now", () => {
    expect(resolveRange({ preset: "custom", customFrom: "2026-03-01", customTo: "2026-03-03" }, now)).toEqual({
      from: "2026-03-01T00:00:00.000Z",
      to: "2026-03-04T00:00:00.000Z",
      interval: "day",
    });
    expect(resolveRange({ preset: "custom", customFrom: "2026-03-09", customTo: "2026-03-31" }, now)).toEqual({
      from: new Date(2026, 2, 9).toISOString(),
      to: now.toISOString(),
      interval: "hour",
    });
  });

  it("has no query for an incomplete, reversed, impossible or future custom range", () => {
    expect(resolveRange({ preset: "custom" }, now)).toBeNull();
    expect(resolveRange({ preset: "custom", customFrom: "2026-03-05" }, now)).toBeNull();
    expect(resolveRange({ preset: "custom", customFrom: "2026-03-05", customTo: "2026-03-01" }, now)).toBeNull();
    expect(resolveRange({ preset: "custom", customFrom: "2026-02-30", customTo: "2026-03-01" }, now)).toBeNull();
    expect(resolveRange({ preset: "custom", customFrom: "2026-04-01", customTo: "2026-04-02" }, now)).toBeNull();
  });
});

describe("a daily range that has not begun in UTC yet", () => {
  it("falls back to the local day instead of asking for an empty range", () => {
    const early = new Date(Date.UTC(2026, 2, 10, 0, 0, 0) - 60_000);
    const day = toLocalDateString(early);
    const resolved = resolveRange({ preset: "custom", customFrom: day, customTo: day, interval: "day" }, early);
    expect(resolved).not.toBeNull();
    expect(Date.parse(resolved!.from)).toBeLessThan(Date.parse(resolved!.to));
  });
});

describe("intervalsFor", () => {
  it("offers hourly buckets up to two weeks and puts the default first", () => {
    expect(intervalsFor({ preset: "today" }, now)).toEqual(["hour", "day"]);
    expect(intervalsFor({ preset: "7d" }, now)).toEqual(["day", "hour"]);
    expect(intervalsFor({ preset: "30d" }, now)).toEqual(["day"]);
    expect(intervalsFor({ preset: "custom", customFrom: "2026-01-01", customTo: "2026-01-15" }, now)).toEqual(["day"]);
  });
});

describe("local dates", () => {
  it("round-trips YYYY-MM-DD", () => {
    expect(toLocalDateString(new Date(2026, 0, 5))).toBe("2026-01-05");
    expect(parseLocalDate("2026-01-05")?.getTime()).toBe(new Date(2026, 0, 5).getTime());
    expect(parseLocalDate("05/01/2026")).toBeNull();
  });
});

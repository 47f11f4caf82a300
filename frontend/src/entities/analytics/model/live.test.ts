import { describe, expect, it } from "vitest";

import { advanceLive, applyTick, LIVE_WINDOW_MINUTES, seedLiveState, type LiveState } from "./live";
import type { AnalyticsTick } from "./types";

const SITE = "5b0c8a52-0000-4000-8000-000000000001";
const at = (iso: string) => Date.parse(iso);

function tick(ts: string, overrides: Partial<AnalyticsTick> = {}): AnalyticsTick {
  return {
    site: { id: SITE, name: "VideoPlanet" },
    ts,
    active_sessions: 2,
    page_views_last_minute: 5,
    latest_conversions: [],
    ...overrides,
  };
}

function seeded(): LiveState {
  return seedLiveState(
    SITE,
    [
      { ts: "2026-11-23T10:00:00Z", page_views: 3, sessions: 1, visitors: 1, conversions: 0 },
      { ts: "2026-11-23T10:02:00Z", page_views: 4, sessions: 1, visitors: 1, conversions: 0 },
    ],
    1,
    new Date("2026-11-23T10:03:20Z"),
    5,
  );
}

describe("seedLiveState", () => {
  it("zero-fills the REST minutes up to now and keeps the window", () => {
    const state = seeded();
    expect(state.points).toEqual([
      { t: at("2026-11-23T09:59:00Z"), pageViews: 0 },
      { t: at("2026-11-23T10:00:00Z"), pageViews: 3 },
      { t: at("2026-11-23T10:01:00Z"), pageViews: 0 },
      { t: at("2026-11-23T10:02:00Z"), pageViews: 4 },
      { t: at("2026-11-23T10:03:00Z"), pageViews: 0 },
    ]);
    expect(state.activeSessions).toBe(1);
  });

  it("defaults to a half-hour window", () => {
    expect(seedLiveState(SITE, [], 0, new Date("2026-11-23T10:03:20Z")).points).toHaveLength(LIVE_WINDOW_MINUTES);
  });
});

describe("applyTick", () => {
  it("sets the counter and the tick's minute, keeping earlier minutes", () => {
    const conversion = { ts: "2026-11-23T10:03:40Z", name: "signup", value: 12.5, path: "/pricing", session: "s1" };
    const next = applyTick(seeded(), tick("2026-11-23T10:03:45Z", { active_sessions: 3, page_views_last_minute: 7, latest_conversions: [conversion] }), 5);
    expect(next.activeSessions).toBe(3);
    expect(next.pageViewsLastMinute).toBe(7);
    expect(next.latestConversions).toEqual([conversion]);
    expect(next.points.at(-1)).toEqual({ t: at("2026-11-23T10:03:00Z"), pageViews: 7 });
    expect(next.points.at(-2)).toEqual({ t: at("2026-11-23T10:02:00Z"), pageViews: 4 });
    expect(next.updatedAt).toBe("2026-11-23T10:03:45Z");
  });

  it("a later tick in the same minute replaces the rolling value instead of adding", () => {
    const once = applyTick(seeded(), tick("2026-11-23T10:03:30Z", { page_views_last_minute: 6 }), 5);
    const twice = applyTick(once, tick("2026-11-23T10:03:35Z", { page_views_last_minute: 8 }), 5);
    expect(twice.points.at(-1)?.pageViews).toBe(8);
    expect(twice.points).toHaveLength(5);
  });

  it("keeps only the last N minutes, zero-filling minutes without ticks", () => {
    const later = applyTick(seeded(), tick("2026-11-23T10:06:10Z", { page_views_last_minute: 2 }), 5);
    expect(later.points.map((p) => [new Date(p.t).toISOString().slice(11, 16), p.pageViews])).toEqual([
      ["10:02", 4],
      ["10:03", 0],
      ["10:04", 0],
      ["10:05", 0],
      ["10:06", 2],
    ]);
  });

  it("a tick far in the future leaves only zeros and the new minute", () => {
    const much = applyTick(seeded(), tick("2026-11-23T12:00:00Z", { page_views_last_minute: 1 }), 5);
    expect(much.points.map((p) => p.pageViews)).toEqual([0, 0, 0, 0, 1]);
  });

  it("ignores ticks of other sites and ticks older than the data shown", () => {
    const state = seeded();
    expect(applyTick(state, tick("2026-11-23T10:03:45Z", { site: { id: "other", name: "x" } }), 5)).toBe(state);
    expect(applyTick(state, tick("2026-11-23T10:03:00Z"), 5)).toBe(state);
    expect(applyTick(state, tick("not a date"), 5)).toBe(state);
  });
});

describe("advanceLive", () => {
  it("slides the window to now with zeros and keeps the counters and the tick cursor", () => {
    const state = applyTick(seeded(), tick("2026-11-23T10:03:45Z", { page_views_last_minute: 7 }), 5);
    const later = advanceLive(state, at("2026-11-23T10:05:30Z"), 5);
    expect(later.points.map((p) => p.pageViews)).toEqual([0, 4, 7, 0, 0]);
    expect(later.points.at(-1)?.t).toBe(at("2026-11-23T10:05:00Z"));
    expect(later.activeSessions).toBe(state.activeSessions);
    expect(later.updatedAt).toBe(state.updatedAt);
  });

  it("changes nothing within the current minute or when the clock is behind", () => {
    const state = seeded();
    expect(advanceLive(state, at("2026-11-23T10:03:59Z"), 5)).toBe(state);
    expect(advanceLive(state, at("2026-11-23T09:00:00Z"), 5)).toBe(state);
  });
});

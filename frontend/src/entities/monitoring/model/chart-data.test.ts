import { describe, expect, it } from "vitest";

import { appendLiveSample, rangeBounds, seriesToChartData } from "./chart-data";
import type { MetricSeries } from "./types";

const T = (minute: number) => new Date(Date.UTC(2026, 2, 2, 12, minute)).toISOString();

describe("seriesToChartData", () => {
  it("merges series by timestamp, one key per mount, sorted by time", () => {
    const data: MetricSeries = {
      host: { id: "h", name: "web-1" },
      metric: "disk.percent",
      resolution: "raw",
      from: T(0),
      to: T(10),
      series: [
        { labels: "/data", points: [{ ts: T(2), value: 70 }, { ts: T(1), value: 69 }] },
        { labels: "/", points: [{ ts: T(1), value: 40 }, { ts: T(2), value: 41 }] },
      ],
    };
    const chart = seriesToChartData(data);
    expect(chart.keys).toEqual(["/", "/data"]);
    expect(chart.rows).toEqual([
      { t: Date.parse(T(1)), "/": 40, "/data": 69 },
      { t: Date.parse(T(2)), "/": 41, "/data": 70 },
    ]);
  });

  it("charts a single series as `value` and rollups by their average", () => {
    const chart = seriesToChartData({
      host: { id: "h", name: "web-1" },
      metric: "cpu.percent",
      resolution: "hour",
      from: T(0),
      to: T(120),
      series: [{ labels: "", points: [{ ts: T(0), value: 12.5, min: 1, max: 80, p95: 60, count: 240 }] }],
    });
    expect(chart).toEqual({ keys: ["value"], resolution: "hour", rows: [{ t: Date.parse(T(0)), value: 12.5 }] });
  });
});

describe("appendLiveSample", () => {
  const base = seriesToChartData({
    host: { id: "h", name: "web-1" },
    metric: "cpu.percent",
    resolution: "raw",
    from: T(0),
    to: T(60),
    series: [{ labels: "", points: [{ ts: T(0), value: 10 }, { ts: T(30), value: 20 }] }],
  });

  it("appends a newer sample and drops points that left the window", () => {
    const next = appendLiveSample(
      base,
      { host: { id: "h", name: "web-1" }, ts: T(61), metrics: { "cpu.percent": 33 } },
      "cpu.percent",
      60 * 60_000,
    );
    expect(next.rows.map((row) => row.value)).toEqual([20, 33]);
  });

  it("ignores older samples and rollup charts", () => {
    const old = { host: { id: "h", name: "web-1" }, ts: T(10), metrics: { "cpu.percent": 99 } };
    expect(appendLiveSample(base, old, "cpu.percent", 3_600_000)).toBe(base);
    const hourly = { ...base, resolution: "hour" as const };
    expect(appendLiveSample(hourly, { ...old, ts: T(90) }, "cpu.percent", 3_600_000)).toBe(hourly);
  });
});

describe("rangeBounds", () => {
  it("ends at the next whole minute so the query key is stable", () => {
    const now = Date.UTC(2026, 2, 2, 12, 0, 30);
    expect(rangeBounds("1h", now)).toEqual({ from: "2026-03-02T11:01:00.000Z", to: "2026-03-02T12:01:00.000Z" });
  });
});

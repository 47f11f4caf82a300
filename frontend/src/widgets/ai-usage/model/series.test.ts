import { describe, expect, it } from "vitest";

import type { AIUsage } from "@/entities/ai-job";

import { usageSeries } from "./series";

const usage = (overrides: Partial<AIUsage>): Pick<AIUsage, "month" | "daily" | "forecast_usd"> => ({
  month: "2026-11",
  daily: [],
  forecast_usd: "0",
  ...overrides,
});

describe("usageSeries", () => {
  it("has one point per day, sums kinds per day and runs a total up to today", () => {
    const points = usageSeries(
      usage({
        daily: [
          { date: "2026-11-02", kind: "plan", calls: 6, cache_hits: 0, tokens: 100, cost_usd: "0.500000" },
          { date: "2026-11-02", kind: "regenerate_section", calls: 1, cache_hits: 0, tokens: 10, cost_usd: "0.250000" },
          { date: "2026-11-05", kind: "plan", calls: 6, cache_hits: 6, tokens: 0, cost_usd: "1.000000" },
        ],
        forecast_usd: "9.000000",
      }),
      new Date(2026, 10, 10),
    );
    expect(points).toHaveLength(30);
    expect(points[1]).toMatchObject({ day: 2, cost: 0.75, cumulative: 0.75 });
    expect(points[4]).toMatchObject({ day: 5, cost: 1, cumulative: 1.75 });
    expect(points[9]).toMatchObject({ day: 10, cumulative: 1.75, forecast: 1.75 });
    expect(points[10]).toMatchObject({ day: 11, cumulative: null });
    // The projection starts at today's total and ends at the server's forecast.
    expect(points[29]?.forecast).toBeCloseTo(9, 6);
  });

  it("has no projection for a past month", () => {
    const points = usageSeries(usage({ month: "2026-02", forecast_usd: "3" }), new Date(2026, 10, 10));
    expect(points).toHaveLength(28);
    expect(points.every((point) => point.forecast === null && point.cumulative === 0)).toBe(true);
  });
});

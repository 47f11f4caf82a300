import { render } from "@testing-library/react";
import { Bar, BarChart } from "recharts";
import { describe, expect, it } from "vitest";

import { CHART_PALETTE, ChartGrid, ChartXAxis, ChartYAxis, seriesColor } from "./kit";

const rows = [
  { name: "a", value: 1_000 },
  { name: "b", value: 3_000 },
];

describe("chart kit", () => {
  it("draws axes whose ticks are written in the axis' unit", () => {
    const { container } = render(
      <BarChart width={400} height={200} data={rows}>
        <ChartGrid dashed />
        <ChartXAxis dataKey="name" formatTick={(value: string) => `site ${value}`} />
        <ChartYAxis ruled formatTick={(value: number) => `${value / 1000} k`} />
        <Bar dataKey="value" isAnimationActive={false} />
      </BarChart>,
    );
    const ticks = Array.from(container.querySelectorAll(".recharts-cartesian-axis-tick-value")).map((node) => node.textContent);
    expect(ticks).toEqual(expect.arrayContaining(["site a", "site b", "3 k"]));
    // Unruled axes show labels only; ruled ones draw their line.
    expect(container.querySelector(".recharts-xAxis .recharts-cartesian-axis-line")).toBeNull();
    expect(container.querySelector(".recharts-yAxis .recharts-cartesian-axis-line")).not.toBeNull();
  });

  it("cycles the palette for any number of series", () => {
    expect(seriesColor(0)).toBe(CHART_PALETTE[0]);
    expect(seriesColor(CHART_PALETTE.length + 1)).toBe(CHART_PALETTE[1]);
  });
});

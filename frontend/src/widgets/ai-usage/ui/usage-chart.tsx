"use client";

import { Bar, ComposedChart, Line, ReferenceLine } from "recharts";

import { CHART_COLORS, ChartFrame, ChartGrid, ChartLegend, ChartTooltip, ChartXAxis, ChartYAxis } from "@/shared/charts";
import { useTranslations } from "@/shared/i18n";

import type { UsagePoint } from "../model/series";

/** Whether the budget line fits on a chart scaled to the spend (within 5× of it). */
export function budgetOnChart(spendTop: number, budget: number): boolean {
  return spendTop > 0 && budget <= spendTop * 5;
}

export interface UsageChartProps {
  points: UsagePoint[];
  budget: number;
  formatUsd: (value: number) => string;
}

/** Daily cost bars, the month's running total and its projection, against the budget line. */
export function UsageChart({ points, budget, formatUsd }: UsageChartProps) {
  const t = useTranslations("aiJobsUsage");
  const spendTop = Math.max(0, ...points.map((point) => Math.max(point.cumulative ?? 0, point.forecast ?? 0, point.cost)));
  // A budget far above the spend would flatten every bar: then the line is left out and named below.
  const budgetShown = budgetOnChart(spendTop, budget);
  const top = budgetShown ? Math.max(spendTop, budget) : spendTop;

  return (
    <ChartFrame height={260}>
      <ComposedChart data={points} margin={{ top: 16, right: 16, bottom: 0, left: 0 }}>
        <ChartGrid />
        {/* The day axis keeps its base line: the bars stand on it. */}
        <ChartXAxis dataKey="day" axisLine interval="preserveStartEnd" />
        <ChartYAxis width={64} domain={[0, top * 1.15 || 1]} formatTick={(value: number) => formatUsd(value)} />
        <ChartTooltip
          formatter={(value, name) => [typeof value === "number" ? formatUsd(value) : String(value), String(name)]}
          labelFormatter={(day) => t("chartDay", { day: String(day) })}
        />
        <ChartLegend />
        <Bar dataKey="cost" name={t("chartDaily")} fill={CHART_COLORS.primary} radius={[3, 3, 0, 0]} maxBarSize={16} />
        <Line
          dataKey="cumulative"
          name={t("chartCumulative")}
          stroke={CHART_COLORS.good}
          strokeWidth={2}
          dot={false}
          connectNulls={false}
          isAnimationActive={false}
        />
        <Line
          dataKey="forecast"
          name={t("chartForecast")}
          stroke={CHART_COLORS.warn}
          strokeDasharray="5 4"
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
        {budgetShown ? (
          <ReferenceLine
            y={budget}
            stroke={CHART_COLORS.bad}
            strokeDasharray="3 3"
            label={{
              value: t("chartBudget", { amount: formatUsd(budget) }),
              position: "insideTopRight",
              fontSize: 11,
              fill: CHART_COLORS.badText,
            }}
          />
        ) : null}
      </ComposedChart>
    </ChartFrame>
  );
}

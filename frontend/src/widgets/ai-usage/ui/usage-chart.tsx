"use client";

import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

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
    <ResponsiveContainer width="100%" height={260}>
      <ComposedChart data={points} margin={{ top: 16, right: 16, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="var(--color-border)" vertical={false} />
        <XAxis dataKey="day" tick={{ fontSize: 11, fill: "var(--color-text-subtle)" }} tickLine={false} interval="preserveStartEnd" />
        <YAxis
          width={64}
          domain={[0, top * 1.15 || 1]}
          tickFormatter={(value: number) => formatUsd(value)}
          tick={{ fontSize: 11, fill: "var(--color-text-subtle)" }}
          tickLine={false}
          axisLine={false}
        />
        <Tooltip
          formatter={(value, name) => [typeof value === "number" ? formatUsd(value) : String(value), String(name)]}
          labelFormatter={(day) => t("chartDay", { day: String(day) })}
          contentStyle={{
            background: "var(--color-surface-raised)",
            border: "1px solid var(--color-border)",
            borderRadius: 8,
            fontSize: 12,
          }}
        />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Bar dataKey="cost" name={t("chartDaily")} fill="var(--color-accent)" radius={[3, 3, 0, 0]} maxBarSize={16} />
        <Line
          dataKey="cumulative"
          name={t("chartCumulative")}
          stroke="var(--color-success)"
          strokeWidth={2}
          dot={false}
          connectNulls={false}
          isAnimationActive={false}
        />
        <Line
          dataKey="forecast"
          name={t("chartForecast")}
          stroke="var(--color-warning)"
          strokeDasharray="5 4"
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
        {budgetShown ? (
          <ReferenceLine
            y={budget}
            stroke="var(--color-danger)"
            strokeDasharray="3 3"
            label={{
              value: t("chartBudget", { amount: formatUsd(budget) }),
              position: "insideTopRight",
              fontSize: 11,
              fill: "var(--color-danger-text)",
            }}
          />
        ) : null}
      </ComposedChart>
    </ResponsiveContainer>
  );
}

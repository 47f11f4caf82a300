"use client";

import type { ComponentProps, ReactNode } from "react";
import { CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/**
 * The app's chart kit on top of Recharts: frame, grid, axes, time axis, tooltip and
 * legend look the same on every chart, so a chart only says what it plots. Recharts 3
 * accepts these wrappers where its own components go.
 */

/** Series colours in order, for charts with a variable number of lines (hosts, workers). */
export const CHART_PALETTE = ["#5b8def", "#e5484d", "#30a46c", "#f5a623", "#8e4ec6", "#12a594", "#d6409f", "#978365"] as const;

/** Named colours for charts whose series have a meaning (spend, forecast, budget…). */
export const CHART_COLORS = {
  primary: "var(--color-accent)",
  good: "var(--color-success)",
  warn: "var(--color-warning)",
  bad: "var(--color-danger)",
  badText: "var(--color-danger-text)",
  muted: "var(--color-border-strong)",
} as const;

export function seriesColor(index: number): string {
  return CHART_PALETTE[index % CHART_PALETTE.length]!;
}

const TICK_FONT = 11;
const SUBTLE = "var(--color-text-subtle)";

/** Fills its box (or a fixed height) and follows its size. */
export function ChartFrame({ height = "100%", children }: { height?: number | `${number}%`; children: ReactNode }) {
  return (
    <ResponsiveContainer width="100%" height={height}>
      {children}
    </ResponsiveContainer>
  );
}

/** Horizontal guide lines only; `dashed` for the denser console charts. */
export function ChartGrid({ dashed = false }: { dashed?: boolean }) {
  return <CartesianGrid stroke="var(--color-border)" strokeDasharray={dashed ? "3 3" : undefined} vertical={false} />;
}

interface AxisLook {
  /** Draw the axis and tick lines (console charts); otherwise only the labels. */
  ruled?: boolean;
  /** Writes a tick in the axis' unit (bytes, %, USD, a time…). */
  formatTick?: ((value: number) => string) | ((value: string) => string);
}

function axisLook({ ruled = false, formatTick }: AxisLook) {
  // Recharts passes the data value as it is: a number on numeric axes, the category otherwise.
  const tickFormatter = formatTick as ((value: unknown) => string) | undefined;
  return ruled
    ? { stroke: SUBTLE, fontSize: TICK_FONT, tickFormatter }
    : { tick: { fontSize: TICK_FONT, fill: SUBTLE }, tickLine: false, axisLine: false, tickFormatter };
}

export type ChartXAxisProps = Omit<ComponentProps<typeof XAxis>, "tickFormatter" | "unit" | "ref"> & AxisLook;
export type ChartYAxisProps = Omit<ComponentProps<typeof YAxis>, "tickFormatter" | "unit" | "ref"> & AxisLook;

export function ChartXAxis({ ruled, formatTick, ...props }: ChartXAxisProps) {
  return <XAxis {...axisLook({ ruled, formatTick })} {...props} />;
}

export function ChartYAxis({ ruled, formatTick, ...props }: ChartYAxisProps) {
  return <YAxis {...axisLook({ ruled, formatTick })} {...props} />;
}

/** A continuous time axis over epoch-millisecond values (`formatTick` names a tick). */
export function ChartTimeAxis(props: Omit<ChartXAxisProps, "type" | "scale">) {
  return <ChartXAxis type="number" scale="time" domain={["dataMin", "dataMax"]} {...props} />;
}

export const TOOLTIP_STYLE = {
  background: "var(--color-surface-raised)",
  border: "1px solid var(--color-border)",
  borderRadius: 8,
  fontSize: 12,
} as const;

export function ChartTooltip(props: Omit<ComponentProps<typeof Tooltip>, "contentStyle" | "ref">) {
  return <Tooltip contentStyle={TOOLTIP_STYLE} {...props} />;
}

export function ChartLegend(props: Omit<ComponentProps<typeof Legend>, "wrapperStyle" | "ref">) {
  return <Legend wrapperStyle={{ fontSize: 12 }} {...props} />;
}

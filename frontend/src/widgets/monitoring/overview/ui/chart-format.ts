import { CHART_COLORS } from "@/shared/charts";
import { useFormatter } from "@/shared/i18n";

import type { Tone } from "../model/overview";

/** Chart colour for each status tone. */
export const TONE_COLOR: Record<Tone, string> = {
  good: CHART_COLORS.good,
  warn: CHART_COLORS.warn,
  bad: CHART_COLORS.bad,
  idle: CHART_COLORS.muted,
};

/** Formats a chart's epoch-ms tick as a localized HH:MM. */
export function useTimeTick() {
  const format = useFormatter();
  return (value: number) => format.dateTime(new Date(value), { hour: "2-digit", minute: "2-digit" });
}

export function percentText(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return `${value.toFixed(value >= 10 ? 0 : 1)}%`;
}

import type { Schemas } from "@/shared/api";

/** The Core Web Vitals the server rates (the keys of the report's `vital_thresholds`). */
export type VitalName = keyof Schemas["AnalyticsVitalThresholds"];
export type VitalRating = "good" | "needs-improvement" | "poor";

/**
 * Rates a p75 against the report's `vital_thresholds[name]` (the server's table,
 * web.dev's values): at or below the first is good, at or below the second needs
 * improvement, above it is poor.
 */
export function rateVital(value: number, thresholds: readonly number[]): VitalRating {
  // The document says "two numbers" (minItems/maxItems), the generated type only number[].
  const [good = Infinity, poor = Infinity] = thresholds;
  if (value <= good) return "good";
  if (value <= poor) return "needs-improvement";
  return "poor";
}

/** "2.4 s", "180 ms", "0.08" — the way the thresholds are usually quoted. */
export function formatVital(name: VitalName, value: number, locale: string): string {
  if (name === "CLS") {
    return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 3 }).format(value);
  }
  if (name === "LCP" && value >= 1000) {
    return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value / 1000)} s`;
  }
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value)} ms`;
}

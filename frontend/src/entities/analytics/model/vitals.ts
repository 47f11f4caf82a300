/** The Core Web Vitals the tracker reports. */
export type VitalName = "LCP" | "CLS" | "INP";
export type VitalRating = "good" | "needs-improvement" | "poor";

export const VITAL_NAMES: readonly VitalName[] = ["LCP", "CLS", "INP"];

/**
 * The standard thresholds (web.dev): at or below the first is good, at or
 * below the second needs improvement, above it is poor. LCP and INP in
 * milliseconds, CLS unitless.
 */
export const VITAL_THRESHOLDS: Readonly<Record<VitalName, readonly [good: number, poor: number]>> = {
  LCP: [2500, 4000],
  CLS: [0.1, 0.25],
  INP: [200, 500],
};

export function rateVital(name: VitalName, value: number): VitalRating {
  const [good, poor] = VITAL_THRESHOLDS[name];
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

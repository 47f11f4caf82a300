import type { Schemas } from "@/shared/api";

/** Report ranges the picker offers; `custom` takes two calendar dates. */
export type RangePreset = "today" | "7d" | "30d" | "custom";
/** The report buckets the picker offers (the server also answers per `minute`, for the live panel). */
export type AnalyticsInterval = Exclude<Schemas["IntervalEnum"], "minute">;

export const RANGE_PRESETS: readonly RangePreset[] = ["today", "7d", "30d", "custom"];

export interface RangeSelection {
  preset: RangePreset;
  /** `YYYY-MM-DD` (local calendar day), custom only. */
  customFrom?: string;
  customTo?: string;
  /** Chosen bucket size; falls back to the range's default when not allowed. */
  interval?: AnalyticsInterval;
}

/** What `GET monitoring/analytics/` takes: ISO instants and a bucket size. */
export interface ResolvedRange {
  from: string;
  to: string;
  interval: AnalyticsInterval;
}

const DAY_MS = 86_400_000;
/** Hourly buckets stop being readable (and cheap) past two weeks. */
const MAX_HOURLY_DAYS = 14;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Local midnight of a `YYYY-MM-DD` day, or null when it is not a real date. */
export function parseLocalDate(value: string | undefined): Date | null {
  const match = value ? DATE_RE.exec(value) : null;
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
  const date = new Date(year, month, day);
  if (date.getFullYear() !== year || date.getMonth() !== month || date.getDate() !== day) return null;
  return date;
}

/** `YYYY-MM-DD` of a local day (for date inputs). */
export function toLocalDateString(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function startOfLocalDay(date: Date, daysBack = 0): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() - daysBack);
}

/** Local [start, end) of a selection; null for an incomplete or reversed custom range. */
function bounds(selection: RangeSelection, now: Date): { start: Date; end: Date } | null {
  switch (selection.preset) {
    case "today":
      return { start: startOfLocalDay(now), end: now };
    case "7d":
      return { start: startOfLocalDay(now, 6), end: now };
    case "30d":
      return { start: startOfLocalDay(now, 29), end: now };
    case "custom": {
      const from = parseLocalDate(selection.customFrom);
      const to = parseLocalDate(selection.customTo);
      if (!from || !to || from > to || from > now) return null;
      // Through the end of the last chosen day, but never into the future.
      const endOfTo = new Date(to.getFullYear(), to.getMonth(), to.getDate() + 1);
      return { start: from, end: endOfTo < now ? endOfTo : now };
    }
  }
}

/** Bucket sizes that make sense for a selection, the default first. */
export function intervalsFor(selection: RangeSelection, now: Date): AnalyticsInterval[] {
  const range = bounds(selection, now);
  if (!range) return ["day"];
  const days = (range.end.getTime() - range.start.getTime()) / DAY_MS;
  if (days <= 2) return ["hour", "day"];
  if (days <= MAX_HOURLY_DAYS) return ["day", "hour"];
  return ["day"];
}

/** Midnight UTC of the same calendar day as a local midnight. */
function utcDayOf(localDay: Date): Date {
  return new Date(Date.UTC(localDay.getFullYear(), localDay.getMonth(), localDay.getDate()));
}

/**
 * The query for a selection, or null when a custom range is not complete yet.
 * The server's daily buckets are UTC days, so a daily range runs over the UTC
 * days of the chosen dates: each bucket is then a whole day, named by its date.
 */
export function resolveRange(selection: RangeSelection, now: Date): ResolvedRange | null {
  const range = bounds(selection, now);
  if (!range) return null;
  const allowed = intervalsFor(selection, now);
  const interval = selection.interval && allowed.includes(selection.interval) ? selection.interval : allowed[0]!;
  if (interval === "day") {
    const start = utcDayOf(range.start);
    const endDay = utcDayOf(new Date(range.end.getTime() - 1));
    const end = new Date(Math.min(endDay.getTime() + DAY_MS, now.getTime()));
    // East of UTC just after midnight, today's UTC day has not begun yet.
    if (end > start) return { from: start.toISOString(), to: end.toISOString(), interval };
  }
  return { from: range.start.toISOString(), to: range.end.toISOString(), interval };
}

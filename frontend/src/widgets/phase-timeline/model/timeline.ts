/**
 * Date math of the phase timeline. Dates are ISO days (`YYYY-MM-DD`, as the
 * API sends them) handled as whole UTC days, so no time zone can shift a bar.
 */
const DAY_MS = 86_400_000;

export interface DayRange {
  start: string;
  end: string;
}

export type DragMode = "move" | "start" | "end";

export interface TimelineRange {
  /** First day shown. */
  start: string;
  /** Number of days shown (≥ 1). */
  days: number;
}

export function dayNumber(iso: string): number {
  const [y, m, d] = iso.split("-").map(Number);
  return Math.round(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / DAY_MS);
}

export function isoOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  return isoOfDay(dayNumber(iso) + days);
}

/** Days from `a` to `b` (negative when b is earlier). */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

/** Inclusive length in days of a phase. */
export function phaseLength({ start, end }: DayRange): number {
  return daysBetween(start, end) + 1;
}

/**
 * The window the timeline shows: every phase, the deadline and today, with a
 * little air on both sides and at least `minDays`.
 */
export function timelineRange(
  phases: readonly DayRange[],
  { today, deadline, padDays = 3, minDays = 21 }: { today: string; deadline?: string | null; padDays?: number; minDays?: number },
): TimelineRange {
  const days = [today, ...(deadline ? [deadline] : []), ...phases.flatMap((phase) => [phase.start, phase.end])].map(
    dayNumber,
  );
  let first = Math.min(...days) - padDays;
  let last = Math.max(...days) + padDays;
  if (last - first + 1 < minDays) {
    const extra = minDays - (last - first + 1);
    first -= Math.floor(extra / 2);
    last += Math.ceil(extra / 2);
  }
  return { start: isoOfDay(first), days: last - first + 1 };
}

/** Left edge of `iso` within the range, in percent. */
export function dayOffsetPercent(range: TimelineRange, iso: string): number {
  return (daysBetween(range.start, iso) / range.days) * 100;
}

/** Where a bar sits and how wide it is, in percent of the track. */
export function barGeometry(range: TimelineRange, phase: DayRange): { left: number; width: number } {
  return { left: dayOffsetPercent(range, phase.start), width: (phaseLength(phase) / range.days) * 100 };
}

/** A pointer movement in pixels as whole days on a track `trackWidth` px wide. */
export function pixelsToDays(dx: number, trackWidth: number, range: TimelineRange): number {
  if (trackWidth <= 0) return 0;
  const days = Math.round((dx / trackWidth) * range.days);
  return days === 0 ? 0 : days; // no -0
}

/**
 * The phase after dragging by `delta` days: `move` shifts both ends, `start`
 * and `end` resize one end and never let the end come before the start.
 */
export function applyDrag(phase: DayRange, mode: DragMode, delta: number): DayRange {
  if (mode === "move") return { start: addDays(phase.start, delta), end: addDays(phase.end, delta) };
  if (mode === "start") {
    const start = addDays(phase.start, delta);
    return { start: start > phase.end ? phase.end : start, end: phase.end };
  }
  const end = addDays(phase.end, delta);
  return { start: phase.start, end: end < phase.start ? phase.start : end };
}

export interface AxisTick {
  iso: string;
  /** Left edge in percent of the track. */
  left: number;
  /** The first of a month (kept first when labels crowd). */
  major: boolean;
}

/** A Monday this close (in days) to a month's first gives way to it: their lines would bunch and the month's label cross the Monday's line. */
const MONTH_START_CLEARANCE_DAYS = 3;

/** Days from `day` to the nearest first of a month (before or after). */
function daysToMonthStart(day: number): number {
  const date = new Date(day * DAY_MS);
  const sinceFirst = date.getUTCDate() - 1;
  const nextFirst = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) / DAY_MS;
  return Math.min(sinceFirst, nextFirst - day);
}

/**
 * Day ticks for the axis: the first of each month, and Mondays when the window
 * is short enough (a Monday within a few days of a month's first gives way to
 * it). Which of them get a label depends on the track's width (`labelledTicks`);
 * every tick keeps its grid line in the rows.
 */
export function axisTicks(range: TimelineRange): AxisTick[] {
  const first = dayNumber(range.start);
  const last = first + range.days - 1;
  const weekly = range.days <= 120;
  const ticks: AxisTick[] = [];
  for (let day = first; day <= last; day += 1) {
    const major = isoOfDay(day).endsWith("-01");
    const monday = weekly && new Date(day * DAY_MS).getUTCDay() === 1 && daysToMonthStart(day) > MONTH_START_CLEARANCE_DAYS;
    if (major || monday) {
      ticks.push({ iso: isoOfDay(day), left: ((day - first) / range.days) * 100, major });
    }
  }
  return ticks;
}

/**
 * The ticks whose labels fit on a track `trackWidth` px wide: a label starts at
 * its tick and is `labelWidth(tick)` px wide; none may come within `gap` px of
 * another or run past the track's end. Month starts are placed first; then the
 * Mondays at an even stride (every one, every second, …: the smallest whose
 * labels all fit, from the offset that labels most), so the weeks labelled are evenly spaced, never a random few.
 */
export function labelledTicks(
  ticks: readonly AxisTick[],
  trackWidth: number,
  labelWidth: (tick: AxisTick) => number,
  gap = 8,
): Set<string> {
  const taken: Array<[number, number]> = [];
  const kept = new Set<string>();
  const span = (tick: AxisTick): [number, number] => {
    const from = (tick.left / 100) * trackWidth;
    return [from, from + labelWidth(tick)];
  };
  const clashes = ([from, to]: [number, number], spans: ReadonlyArray<[number, number]>) =>
    spans.some(([a, b]) => from < b + gap && to + gap > a);
  for (const tick of ticks.filter((item) => item.major)) {
    const at = span(tick);
    if (at[1] > trackWidth || clashes(at, taken)) continue;
    taken.push(at);
    kept.add(tick.iso);
  }
  const minors = ticks.filter((tick) => !tick.major);
  // Mondays `offset`, `offset + stride`, …: null when two of their labels clash.
  const atStride = (stride: number, offset: number) => {
    const picked: Array<[AxisTick, [number, number]]> = [];
    for (let index = offset; index < minors.length; index += stride) {
      const tick = minors[index]!;
      const at = span(tick);
      // Past the end or on a month's label: left out (the month's label stands in).
      if (at[1] > trackWidth || clashes(at, taken)) continue;
      if (clashes(at, picked.map(([, other]) => other))) return null;
      picked.push([tick, at]);
    }
    return picked;
  };
  for (let stride = 1; stride <= minors.length; stride += 1) {
    let best: Array<[AxisTick, [number, number]]> | null = null;
    for (let offset = 0; offset < stride; offset += 1) {
      const picked = atStride(stride, offset);
      if (picked && (!best || picked.length > best.length)) best = picked;
    }
    if (!best) continue;
    for (const [tick] of best) kept.add(tick.iso);
    break;
  }
  return kept;
}

export type NamePlacement = "inside" | "after" | "before";

/**
 * Where a bar's name goes: inside when it fits (with `inset` px of padding and
 * handles), else beside the bar on the side with room (after it first), so a
 * short phase never shows a clipped "프리…".
 */
export function namePlacement(
  bar: { left: number; width: number },
  nameWidth: number,
  trackWidth: number,
  { inset = 20, gap = 6 }: { inset?: number; gap?: number } = {},
): NamePlacement {
  if (bar.width >= nameWidth + inset) return "inside";
  const roomAfter = trackWidth - (bar.left + bar.width) - gap;
  const roomBefore = bar.left - gap;
  if (roomAfter >= nameWidth) return "after";
  if (roomBefore >= nameWidth) return "before";
  return roomAfter >= roomBefore ? "after" : "before";
}

/** Today's date where the user is, as an ISO day. */
export function todayIso(now: Date = new Date()): string {
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}

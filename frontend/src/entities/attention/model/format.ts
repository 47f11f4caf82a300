import type { AttentionPerson, AttentionRange } from "./types";

/** "00:40", or "1:02:05" past an hour: how people say where in a cut something is. */
export function formatClock(totalSeconds: number): string {
  const whole = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const seconds = whole % 60;
  const mmss = `${String(minutes).padStart(2, "0")}:${String(seconds).padStart(2, "0")}`;
  return hours > 0 ? `${hours}:${mmss}` : mmss;
}

/** "00:40–01:10": from the second it starts in to the second it ends in (never shorter than it is). */
export function rangeLabel(range: Pick<AttentionRange, "start" | "end">): string {
  return `${formatClock(range.start)}–${formatClock(Math.ceil(range.end))}`;
}

/** The first `max` ranges as labels, and how many more there are. */
export function rangeLabels(ranges: readonly AttentionRange[], max = 3): { labels: string[]; more: number } {
  return { labels: ranges.slice(0, max).map(rangeLabel), more: Math.max(0, ranges.length - max) };
}

/** The names of the people counted in the strip who watched `second`. */
export function seenBy(people: readonly AttentionPerson[], second: number): string[] {
  return people
    .filter((person) => person.in_strip && person.seconds.some(([start = 0, end = 0]) => second >= start && second < end))
    .map((person) => person.name);
}

/** A share as people read it: whole percent, rounded down (99.9 % is not "100 %"). */
export function percentLabel(percent: number): number {
  return Math.floor(percent);
}

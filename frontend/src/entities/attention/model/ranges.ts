import type { FrameRange } from "./types";

/** Sorted, disjoint ranges; overlapping or touching ones become one (as the server merges them). */
export function mergeRanges(ranges: readonly FrameRange[]): FrameRange[] {
  const sorted = ranges.filter(([start, end]) => end > start).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: FrameRange[] = [];
  for (const [start, end] of sorted) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

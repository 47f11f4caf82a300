/*
 * Dragging shot boundaries on the review timeline. A boundary is where a shot ends and/or
 * the next one starts: a shared cut between touching shots moves both; the free edge of a
 * shot beside a gap moves that shot only. A move snaps to whole frames and stops where the
 * server would refuse the map: every shot keeps at least one frame, none overlaps its
 * neighbours, and all stay inside the cut (ends are exclusive, up to `durationFrames`).
 */

export interface ShotSpan {
  shot_id: string;
  start_frame: number;
  /** Exclusive. */
  end_frame: number;
}

export interface Boundary {
  /** The shot this boundary ends (index in the map), or null when it only starts one. */
  before: number | null;
  /** The shot it starts, or null when it only ends one. */
  after: number | null;
  frame: number;
}

/** Every draggable boundary of a map sorted by start, left to right. */
export function boundariesOf(shots: readonly ShotSpan[]): Boundary[] {
  const boundaries: Boundary[] = [];
  shots.forEach((shot, index) => {
    const previous = boundaries[boundaries.length - 1];
    if (previous && previous.before === index - 1 && previous.frame === shot.start_frame) {
      previous.after = index;
    } else {
      boundaries.push({ before: null, after: index, frame: shot.start_frame });
    }
    boundaries.push({ before: index, after: null, frame: shot.end_frame });
  });
  return boundaries;
}

/** How far a boundary may go: the frames it may land on, both included. */
export function boundaryLimits(shots: readonly ShotSpan[], boundary: Boundary, durationFrames: number): { min: number; max: number } {
  const { before, after } = boundary;
  let min: number;
  if (before !== null) min = shots[before]!.start_frame + 1;
  else min = after !== null && after > 0 ? shots[after - 1]!.end_frame : 0;
  let max: number;
  if (after !== null) max = shots[after]!.end_frame - 1;
  else max = before !== null && before < shots.length - 1 ? shots[before + 1]!.start_frame : durationFrames;
  return { min, max: Math.max(min, max) };
}

/**
 * The map with `boundary` moved to `frame` (rounded, held inside its limits). Shots it does not
 * touch keep their identity; moving nowhere returns the same array.
 */
export function moveBoundary<T extends ShotSpan>(shots: readonly T[], boundary: Boundary, frame: number, durationFrames: number): readonly T[] {
  const { min, max } = boundaryLimits(shots, boundary, durationFrames);
  const target = Math.min(max, Math.max(min, Math.round(frame)));
  if (target === boundary.frame) return shots;
  return shots.map((shot, index) => {
    if (index === boundary.before) return { ...shot, end_frame: target };
    if (index === boundary.after) return { ...shot, start_frame: target };
    return shot;
  });
}

/** The boundary moved by `frames` from where it is (keyboard: one frame, or a second). */
export function nudgeBoundary<T extends ShotSpan>(shots: readonly T[], boundary: Boundary, frames: number, durationFrames: number): readonly T[] {
  return moveBoundary(shots, boundary, boundary.frame + frames, durationFrames);
}

/**
 * The frame under a pointer at `ratio` (0..1) of a track whose ends are frame 0 and
 * `lastFrame` (the timeline's scale). Past the right end is the end of the cut, so the last
 * shot can reach it.
 */
export function frameAtRatio(ratio: number, lastFrame: number, durationFrames: number): number {
  if (ratio >= 1) return durationFrames;
  return Math.round(Math.max(0, ratio) * lastFrame);
}

/** What `PUT versions/{id}/shot-map/` takes. */
export function toRanges(shots: readonly ShotSpan[]): ShotSpan[] {
  return shots.map(({ shot_id, start_frame, end_frame }) => ({ shot_id, start_frame, end_frame }));
}

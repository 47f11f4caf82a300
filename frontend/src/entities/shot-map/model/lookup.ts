/** What a frame lookup needs of a shot (the map's shots and the editor's drafts both fit). */
export interface FrameSpan {
  start_frame: number;
  /** Exclusive. */
  end_frame: number;
}

/**
 * Index of the shot holding `frame` in shots sorted by start (-1 in a gap, before the first
 * or after the last): the same rule as the server's `VersionShots.shot_at`.
 */
export function shotIndexAt(shots: readonly FrameSpan[], frame: number): number {
  let low = 0;
  let high = shots.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (shots[middle]!.start_frame <= frame) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found >= 0 && frame < shots[found]!.end_frame ? found : -1;
}

/** The shot holding `frame`, or null. */
export function shotAt<T extends FrameSpan>(shots: readonly T[], frame: number): T | null {
  const index = shotIndexAt(shots, frame);
  return index >= 0 ? shots[index]! : null;
}

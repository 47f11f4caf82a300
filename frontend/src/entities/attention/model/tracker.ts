import { mergeRanges } from "./ranges";
import type { FrameRange } from "./types";

/** Longer than this between two samples while playing is a seek (or a tab in the background), not watching. */
export const MAX_STEP_SECONDS = 1;

/** What a sample says about the moment to send what was played. */
export type TrackerHint = "paused" | "jumped" | null;

export interface WatchTracker {
  /** A player sample: every time change (frames while playing, seeks) and play/pause. */
  observe(seconds: number, playing: boolean): TrackerHint;
  /** The frame ranges played since the last take, merged; forgets them. */
  take(): FrameRange[];
  /** Puts ranges back (a report that failed and should be sent again). */
  restore(ranges: readonly FrameRange[]): void;
  hasPending(): boolean;
}

export interface TrackerOptions {
  fps: number;
  /** Frames in the version; ranges never reach past it. */
  frameCount: number;
  maxStepSeconds?: number;
}

/**
 * Turns the player's samples into the frame ranges that actually played: between two samples
 * while playing, moving forward by at most a step. Seeking, scrubbing while paused and a
 * background tab (no samples, then a jump) play nothing.
 */
export function createWatchTracker({ fps, frameCount, maxStepSeconds = MAX_STEP_SECONDS }: TrackerOptions): WatchTracker {
  let anchor: number | null = null; // the last sample, while playing
  // The last sample while paused: where playing starts from. The first sample of playing can
  // come a frame or more after the start (a busy page), and those frames played too.
  let stoppedAt: number | null = null;
  let pending: FrameRange[] = [];
  const toFrame = (seconds: number) => Math.min(frameCount, Math.max(0, Math.round(seconds * fps)));

  return {
    observe(seconds, playing) {
      let hint: TrackerHint = null;
      const from = anchor ?? (playing ? stoppedAt : null);
      if (from !== null) {
        const step = seconds - from;
        if (step > 0 && step <= maxStepSeconds) {
          const range: FrameRange = [toFrame(from), toFrame(seconds)];
          if (range[1] > range[0]) pending = mergeRanges([...pending, range]);
        } else if (step !== 0 && anchor !== null) {
          hint = "jumped";
        }
      }
      if (anchor !== null && !playing) hint = "paused";
      anchor = playing ? seconds : null;
      stoppedAt = playing ? null : seconds;
      return hint;
    },
    take() {
      const taken = pending;
      pending = [];
      return taken;
    },
    restore(ranges) {
      pending = mergeRanges([...pending, ...ranges]);
    },
    hasPending: () => pending.length > 0,
  };
}

"use client";

import { useCallback, useEffect, useMemo, useRef } from "react";

import { isApiError } from "@/shared/api";

import { createWatchTracker } from "./tracker";
import type { FrameRange } from "./types";

/** While playing, what was played is sent this often (and on pause, seek and leave). */
export const REPORT_EVERY_MS = 10_000;
/** A seek sends at once only if the last report is at least this old (scrubbing while playing). */
const SEEK_REPORT_GAP_MS = 3_000;
/** The server takes at most this many ranges per report. */
const RANGES_PER_REPORT = 100;

export type SendReport = (ranges: FrameRange[], options: { keepalive: boolean }) => Promise<unknown>;

export interface WatchReporterOptions {
  /** What is being watched (a version id, a share token); null: nothing to report. */
  target: string | null;
  fps: number;
  frameCount: number | null | undefined;
  send: SendReport;
}

export interface WatchReporter {
  /** Feed every player sample (the player's onTimeChange). */
  observe: (seconds: number, playing: boolean) => void;
  /** Sends what was played and not yet sent; resolves once the server has it (or it failed). */
  flush: () => Promise<void>;
}

/** Worth sending again later: the network or the server, not our own data. */
function retryable(error: unknown): boolean {
  if (!isApiError(error)) return true;
  return error.status === 0 || error.status === 408 || error.status === 429 || error.status >= 500;
}

/**
 * Reports the frame ranges this viewer actually plays: every 10 s while there is something
 * new, on pause, on a seek, when the page is hidden or left (keepalive) and when the target
 * changes. Failed reports keep their ranges for the next one.
 */
export function useWatchReporter({ target, fps, frameCount, send }: WatchReporterOptions): WatchReporter {
  const tracker = useMemo(
    () => (target && frameCount ? createWatchTracker({ fps, frameCount }) : null),
    [target, fps, frameCount],
  );
  const sendRef = useRef(send);
  useEffect(() => {
    sendRef.current = send;
  }, [send]);
  const lastReport = useRef(0);

  const flushWith = useCallback(
    async (keepalive: boolean) => {
      if (!tracker?.hasPending()) return;
      const ranges = tracker.take();
      lastReport.current = Date.now();
      for (let index = 0; index < ranges.length; index += RANGES_PER_REPORT) {
        const batch = ranges.slice(index, index + RANGES_PER_REPORT);
        try {
          await sendRef.current(batch, { keepalive });
        } catch (error) {
          if (retryable(error)) tracker.restore(ranges.slice(index));
          return;
        }
      }
    },
    [tracker],
  );

  useEffect(() => {
    if (!tracker) return;
    const timer = window.setInterval(() => void flushWith(false), REPORT_EVERY_MS);
    const leave = () => void flushWith(true);
    const hidden = () => {
      if (document.visibilityState === "hidden") leave();
    };
    window.addEventListener("pagehide", leave);
    document.addEventListener("visibilitychange", hidden);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener("pagehide", leave);
      document.removeEventListener("visibilitychange", hidden);
      leave(); // another version, or the room closes
    };
  }, [tracker, flushWith]);

  const observe = useCallback(
    (seconds: number, playing: boolean) => {
      const hint = tracker?.observe(seconds, playing);
      if (hint === "paused" || (hint === "jumped" && Date.now() - lastReport.current >= SEEK_REPORT_GAP_MS)) {
        void flushWith(false);
      }
    },
    [tracker, flushWith],
  );

  return { observe, flush: useCallback(() => flushWith(false), [flushWith]) };
}

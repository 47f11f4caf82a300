"use client";

import { useCallback, useRef, useState } from "react";

import { ReviewPlayer, type PlayerHandle, type ReviewPlayerProps } from "./review-player";
import styles from "./compare-players.module.css";

export interface CompareSide extends Omit<ReviewPlayerProps, "keyboard" | "bare" | "onTimeChange" | "controlsHost"> {
  caption: string;
}

/**
 * Two versions side by side with synced playheads: the left one leads (keys,
 * timeline, play/pause) and the right one follows within a frame. The leader's
 * timeline and controls lie under both pictures, as wide as the pair.
 */
export function ComparePlayers({ left, right, onTimeChange }: { left: CompareSide; right: CompareSide; onTimeChange?: (seconds: number, playing: boolean) => void }) {
  const follower = useRef<PlayerHandle>(null);
  const [controlsHost, setControlsHost] = useState<HTMLDivElement | null>(null);

  const follow = useCallback(
    (seconds: number, playing: boolean) => {
      onTimeChange?.(seconds, playing);
      const other = follower.current;
      if (!other) return;
      if (playing !== other.isPlaying()) {
        if (playing) other.play();
        else other.pause();
      }
      // Re-align when it drifts more than a frame (always when paused, so stepping matches).
      const tolerance = playing ? 0.15 : 1 / (right.fps * 2);
      if (Math.abs(other.currentTime() - seconds) > tolerance) other.seekSeconds(seconds);
    },
    [onTimeChange, right.fps],
  );

  return (
    <div className={styles.compare} data-testid="compare-players">
      <div className={styles.panes}>
        <figure className={styles.side}>
          <figcaption className={styles.caption}>{left.caption}</figcaption>
          <ReviewPlayer {...left} keyboard onTimeChange={follow} controlsHost={controlsHost} />
        </figure>
        <figure className={styles.side}>
          <figcaption className={styles.caption}>{right.caption}</figcaption>
          <ReviewPlayer {...right} ref={follower} bare muted />
        </figure>
      </div>
      <div ref={setControlsHost} className={styles.controls} data-testid="compare-controls" />
    </div>
  );
}

"use client";

import { useEffect, useMemo, useState, type RefObject } from "react";

import { frameAt, timebase } from "@/shared/lib/timecode";
import type { PlayerHandle } from "@/widgets/review-player";

import { createPresenceThrottle } from "./presence-throttle";

/**
 * Where the player is (seconds, playing, frame); every move
 * is told to the room's presence (throttled), forgotten when the room changes.
 */
export function usePlayhead(
  playerRef: RefObject<PlayerHandle | null>,
  fps: number,
  sendPresence: (seconds: number, playing: boolean) => void,
  /** Also told every move (review attention: what actually plays). */
  onMove?: (seconds: number, playing: boolean) => void,
) {
  const [seconds, setSeconds] = useState(0);
  const [playing, setPlaying] = useState(false);
  const throttle = useMemo(() => createPresenceThrottle(sendPresence), [sendPresence]);
  useEffect(() => () => throttle.cancel(), [throttle]);
  return {
    playing,
    frame: frameAt(seconds, fps),
    hold: timebase(fps),
    onTimeChange: (time: number, isPlaying: boolean) => {
      setSeconds(time);
      setPlaying(isPlaying);
      throttle.report(time, isPlaying);
      onMove?.(time, isPlaying);
    },
    pause: () => playerRef.current?.pause(),
  };
}

export type Playhead = ReturnType<typeof usePlayhead>;

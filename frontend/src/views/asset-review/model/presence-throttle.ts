/**
 * Decide when to tell the room where our playhead is: at once on play/pause,
 * at most every `pausedMs` while scrubbing or stepping, every `playingMs`
 * while playing (the server allows 20 messages/s; we stay far below).
 */
export function createPresenceThrottle(send: (seconds: number, playing: boolean) => void, { playingMs = 1_500, pausedMs = 250 } = {}) {
  let lastAt = 0;
  let lastPlaying: boolean | null = null;
  let lastSeconds = -1;
  let pending: ReturnType<typeof setTimeout> | null = null;

  const flush = (seconds: number, playing: boolean, now: number) => {
    if (pending !== null) clearTimeout(pending);
    pending = null;
    lastAt = now;
    lastPlaying = playing;
    lastSeconds = seconds;
    send(seconds, playing);
  };

  return {
    report(seconds: number, playing: boolean, now = Date.now()) {
      if (playing !== lastPlaying) return flush(seconds, playing, now);
      if (Math.abs(seconds - lastSeconds) < 0.001) return;
      const interval = playing ? playingMs : pausedMs;
      if (now - lastAt >= interval) return flush(seconds, playing, now);
      // Make sure the final position of a scrub is sent.
      if (pending !== null) clearTimeout(pending);
      pending = setTimeout(() => flush(seconds, playing, Date.now()), interval - (now - lastAt));
    },
    cancel() {
      if (pending !== null) clearTimeout(pending);
      pending = null;
    },
  };
}

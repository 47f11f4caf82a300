/** What a key does in the player (NLE conventions: J/K/L, ←/→ one frame). */
export type PlayerCommand =
  | { kind: "toggle" }
  | { kind: "pause" }
  | { kind: "play"; rate: number }
  | { kind: "step"; frames: number }
  | { kind: "seekSeconds"; seconds: number };

export function commandForKey(key: string, shift: boolean, playbackRate: number, playing: boolean): PlayerCommand | null {
  switch (key) {
    case " ":
    case "k":
    case "K":
      return key === " " ? { kind: "toggle" } : { kind: "pause" };
    case "ArrowLeft":
      return shift ? { kind: "seekSeconds", seconds: -1 } : { kind: "step", frames: -1 };
    case "ArrowRight":
      return shift ? { kind: "seekSeconds", seconds: 1 } : { kind: "step", frames: 1 };
    case "l":
    case "L":
      // Each L while playing forward doubles the speed, up to 4×.
      return { kind: "play", rate: playing ? Math.min(4, playbackRate * 2) : 1 };
    case "j":
    case "J":
      // Browsers cannot play backwards: J jumps back a second.
      return { kind: "seekSeconds", seconds: -1 };
    default:
      return null;
  }
}

/** Keys typed into a field never drive the player. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  const tag = target.tagName;
  return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || target.isContentEditable;
}

/** Position (0..1) of a frame on the timeline. */
export function timelinePosition(frame: number, lastFrame: number): number {
  if (lastFrame <= 0) return 0;
  return Math.min(1, Math.max(0, frame / lastFrame));
}

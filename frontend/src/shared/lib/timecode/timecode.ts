/*
 * Frames, seconds and SMPTE timecodes, mirroring apps/feedbacks/timecode.py.
 * A frame number is the truth; timecodes are non-drop-frame with an integer
 * timebase of round(fps) (30 for 29.97), like NLEs show NDF sequences.
 */

/** Integer frames per second used in HH:MM:SS:FF. */
export function timebase(fps: number): number {
  return Math.max(1, Math.round(fps));
}

/** The frame on screen at `seconds` (frame n shows from n/fps until (n+1)/fps). */
export function frameAt(seconds: number, fps: number): number {
  if (!Number.isFinite(seconds) || seconds <= 0 || fps <= 0) return 0;
  return Math.floor(seconds * fps + 1e-6);
}

/** Where to seek so the video shows exactly `frame` (the middle of its display time). */
export function seekTimeForFrame(frame: number, fps: number): number {
  return (Math.max(0, frame) + 0.5) / fps;
}

/** Seconds at which `frame` starts. */
export function frameToSeconds(frame: number, fps: number): number {
  return Math.round((frame / fps) * 1e6) / 1e6;
}

/** Last valid frame of a clip (`frame_count` from the server, else from duration). */
export function lastFrame(fps: number, frameCount: number | null | undefined, duration?: number | null): number {
  if (frameCount && frameCount > 0) return frameCount - 1;
  if (duration && duration > 0) return Math.max(0, Math.ceil(duration * fps) - 1);
  return 0;
}

export function clampFrame(frame: number, last: number): number {
  return Math.min(Math.max(0, Math.round(frame)), Math.max(0, last));
}

const pad = (value: number) => String(value).padStart(2, "0");

/** `HH:MM:SS:FF` for a frame. */
export function frameToSmpte(frame: number, fps: number): string {
  const base = timebase(fps);
  const safe = Math.max(0, Math.floor(frame));
  const frames = safe % base;
  const totalSeconds = Math.floor(safe / base);
  const seconds = totalSeconds % 60;
  const minutes = Math.floor(totalSeconds / 60) % 60;
  const hours = Math.floor(totalSeconds / 3600);
  return `${pad(hours)}:${pad(minutes)}:${pad(seconds)}:${pad(frames)}`;
}

/** Timecode of the frame on screen at `seconds`. */
export function secondsToSmpte(seconds: number, fps: number): string {
  return frameToSmpte(frameAt(seconds, fps), fps);
}

const SMPTE = /^(\d{2}):([0-5]\d):([0-5]\d)[:;](\d{2})$/;

/** Frame of an `HH:MM:SS:FF` string; null when malformed or FF is past the timebase. */
export function smpteToFrame(value: string, fps: number): number | null {
  const match = SMPTE.exec(value.trim());
  if (!match) return null;
  const [hours, minutes, seconds, frames] = match.slice(1).map(Number) as [number, number, number, number];
  const base = timebase(fps);
  if (frames >= base) return null;
  return ((hours * 60 + minutes) * 60 + seconds) * base + frames;
}

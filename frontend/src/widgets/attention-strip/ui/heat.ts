/** Where second `second` starts on a timeline whose last frame sits at 100 % (as the timeline places frames). */
export function secondPosition(second: number, fps: number, lastFrame: number): number {
  if (lastFrame <= 0) return 0;
  return Math.min(1, Math.ceil(second * fps - 1e-9) / lastFrame);
}

/** The second under a point of the strip (0..1 across it). */
export function secondAt(fraction: number, fps: number, lastFrame: number, seconds: number): number {
  const frame = Math.round(Math.min(1, Math.max(0, fraction)) * lastFrame);
  return Math.min(seconds - 1, Math.max(0, Math.floor(frame / fps)));
}

const NOBODY = "rgba(255, 92, 92, 0.38)";

/** A strip colour per count: nobody stands out; more people, deeper teal. */
export function heatColor(count: number, most: number): string {
  if (count <= 0) return NOBODY;
  const strength = most > 0 ? count / most : 1;
  return `rgba(54, 207, 201, ${(0.2 + 0.8 * strength).toFixed(2)})`;
}

/**
 * One CSS gradient for the whole strip: a hard-stopped band per run of equal counts. While
 * nobody has played the version there is nothing to warn about: no gradient, the neutral track.
 */
export function heatGradient(counts: readonly number[], fps: number, lastFrame: number): string {
  const most = counts.length === 0 ? 0 : Math.max(...counts);
  if (most <= 0) return "none";
  const bands: string[] = [];
  let start = 0;
  for (let second = 1; second <= counts.length; second += 1) {
    if (second < counts.length && counts[second] === counts[start]) continue;
    const from = (secondPosition(start, fps, lastFrame) * 100).toFixed(3);
    const to = second === counts.length ? "100" : (secondPosition(second, fps, lastFrame) * 100).toFixed(3);
    bands.push(`${heatColor(counts[start] ?? 0, most)} ${from}% ${to}%`);
    start = second;
  }
  return `linear-gradient(to right, ${bands.join(", ")})`;
}

/**
 * The "now" to measure a server timestamp against: never before the event, so
 * a server clock running a little ahead does not read "in 10 seconds".
 */
export function atLeast(now: Date, iso: string): Date {
  const at = new Date(iso).getTime();
  return Number.isFinite(at) && at > now.getTime() ? new Date(at) : now;
}

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { createPresenceThrottle } from "./presence-throttle";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("presence throttle", () => {
  it("sends play/pause at once and the playhead at most every 1.5 s while playing", () => {
    const sent: Array<[number, boolean]> = [];
    const throttle = createPresenceThrottle((seconds, playing) => sent.push([seconds, playing]));
    throttle.report(0, true, 0);
    throttle.report(0.5, true, 500);
    throttle.report(1.0, true, 1_000);
    throttle.report(1.6, true, 1_600);
    throttle.report(1.7, false, 1_700);
    expect(sent).toEqual([
      [0, true],
      [1.6, true],
      [1.7, false],
    ]);
    throttle.cancel();
  });

  it("sends where a scrub ended even when it was throttled", () => {
    const sent: number[] = [];
    const throttle = createPresenceThrottle((seconds) => sent.push(seconds));
    const now = Date.now();
    throttle.report(1, false, now);
    throttle.report(2, false, now + 10);
    throttle.report(3, false, now + 20);
    expect(sent).toEqual([1]);
    vi.advanceTimersByTime(300);
    expect(sent).toEqual([1, 3]);
  });
});

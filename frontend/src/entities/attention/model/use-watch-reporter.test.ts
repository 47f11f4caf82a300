import { act, renderHook } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { FrameRange } from "./types";
import { REPORT_EVERY_MS, useWatchReporter, type SendReport } from "./use-watch-reporter";

type Sent = { ranges: FrameRange[]; keepalive: boolean };

function setup(answer: () => Promise<unknown> = () => Promise.resolve({})) {
  const sent: Sent[] = [];
  const send: SendReport = (ranges, { keepalive }) => {
    sent.push({ ranges, keepalive });
    return answer();
  };
  const hook = renderHook(() => useWatchReporter({ target: "v1", fps: 25, frameCount: 250, send }));
  /** Plays from `from` to `to` seconds, sampled every 0.2 s like the player's frame loop. */
  const play = (from: number, to: number) => {
    for (let time = from; time <= to + 1e-9; time += 0.2) hook.result.current.observe(Math.round(time * 100) / 100, true);
  };
  return { sent, hook, play };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("watch reporter", () => {
  it("sends what played every 10 s, and nothing when nothing new played", async () => {
    const { sent, play } = setup();
    play(0, 4);

    await act(() => vi.advanceTimersByTimeAsync(REPORT_EVERY_MS));
    await act(() => vi.advanceTimersByTimeAsync(REPORT_EVERY_MS));

    expect(sent).toEqual([{ ranges: [[0, 100]], keepalive: false }]);
  });

  it("sends at once on pause", async () => {
    const { sent, hook, play } = setup();
    play(2, 3);
    await act(async () => hook.result.current.observe(3, false));

    expect(sent).toEqual([{ ranges: [[50, 75]], keepalive: false }]);
  });

  it("keeps what a failed report carried and sends it with the next one", async () => {
    let fail = true;
    const { sent, hook, play } = setup(() => (fail ? Promise.reject({ status: 0, code: "network_error", message: "offline" }) : Promise.resolve({})));
    play(0, 1);
    await act(async () => hook.result.current.observe(1, false));
    fail = false;
    play(5, 6);
    await act(async () => hook.result.current.observe(6, false));

    expect(sent.map((report) => report.ranges)).toEqual([
      [[0, 25]],
      [
        [0, 25],
        [125, 150],
      ],
    ]);
  });

  it("drops what the server refused as invalid (it would be refused again)", async () => {
    const { sent, hook, play } = setup(() => Promise.reject({ status: 400, code: "validation_error", message: "bad" }));
    play(0, 1);
    await act(async () => hook.result.current.observe(1, false));
    await act(() => vi.advanceTimersByTimeAsync(REPORT_EVERY_MS));

    expect(sent).toHaveLength(1);
  });

  it("sends with keepalive when the page is left", async () => {
    const { sent, play } = setup();
    play(0, 2);
    await act(async () => window.dispatchEvent(new Event("pagehide")));

    expect(sent).toEqual([{ ranges: [[0, 50]], keepalive: true }]);
  });

  it("sends what is left when the room closes", async () => {
    const { sent, hook, play } = setup();
    play(0, 2);
    await act(async () => hook.unmount());

    expect(sent).toEqual([{ ranges: [[0, 50]], keepalive: true }]);
  });
});

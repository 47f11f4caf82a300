import { describe, expect, it } from "vitest";

import { initialLiveState, LIVE_HISTORY, liveReducer } from "./live-samples";
import type { LiveSample } from "./types";

function sample(host: string, second: number, metrics: LiveSample["metrics"] = {}): LiveSample {
  return {
    host: { id: host, name: `${host}.local` },
    ts: new Date(Date.UTC(2026, 2, 2, 12, 0, second)).toISOString(),
    metrics: { "cpu.percent": second, ...metrics },
  };
}

describe("liveReducer", () => {
  it("appends samples per host and keeps the newest as latest", () => {
    let state = liveReducer(initialLiveState, { type: "sample", sample: sample("a", 1) });
    state = liveReducer(state, { type: "sample", sample: sample("b", 2) });
    state = liveReducer(state, { type: "sample", sample: sample("a", 3) });
    expect(state.byHost.a?.points.map((point) => point["cpu.percent"])).toEqual([1, 3]);
    expect(state.byHost.a?.latest.ts).toBe(sample("a", 3).ts);
    expect(Object.keys(state.byHost)).toEqual(["a", "b"]);
  });

  it("drops duplicates and samples older than the newest (seed + socket, reconnects)", () => {
    let state = liveReducer(initialLiveState, { type: "seed", samples: [sample("a", 5)] });
    state = liveReducer(state, { type: "sample", sample: sample("a", 5) });
    const before = state;
    state = liveReducer(state, { type: "sample", sample: sample("a", 4) });
    expect(state).toBe(before);
    expect(state.byHost.a?.points).toHaveLength(1);
  });

  it("folds series: the fullest disk and the total network traffic", () => {
    const state = liveReducer(initialLiveState, {
      type: "sample",
      sample: sample("a", 1, {
        "disk.percent": { "/": 40, "/data": 91.5 },
        "net.rx_bytes_per_s": { eth0: 1000, eth1: 24 },
      }),
    });
    expect(state.byHost.a?.points[0]).toMatchObject({ "disk.percent": 91.5, "net.rx_bytes_per_s": 1024 });
  });

  it("keeps a bounded history", () => {
    let state = initialLiveState;
    for (let second = 0; second < LIVE_HISTORY + 10; second += 1) {
      state = liveReducer(state, { type: "sample", sample: sample("a", second) });
    }
    expect(state.byHost.a?.points).toHaveLength(LIVE_HISTORY);
    expect(state.byHost.a?.points[0]?.["cpu.percent"]).toBe(10);
  });
});

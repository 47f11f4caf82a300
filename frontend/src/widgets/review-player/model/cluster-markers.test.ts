import { describe, expect, it } from "vitest";

import { clusterMarkers, rangeBands } from "./cluster-markers";

const marker = (id: string, frame: number, endFrame: number | null = null, resolved = false) => ({ id, frame, endFrame, resolved });
const ids = (clusters: ReturnType<typeof clusterMarkers>) => clusters.map((cluster) => cluster.markers.map((item) => item.id));

describe("clusterMarkers", () => {
  it("keeps markers that stand apart on their own", () => {
    // 1000 px for 1000 frames: one pixel per frame.
    const clusters = clusterMarkers([marker("a", 0), marker("b", 100), marker("c", 900)], 1000, 1000);
    expect(ids(clusters)).toEqual([["a"], ["b"], ["c"]]);
    expect(clusters[1]).toMatchObject({ key: "b", firstFrame: 100, lastFrame: 100, position: 0.1 });
  });

  it("merges markers closer than the gap, in frame order, whatever order they came in", () => {
    const clusters = clusterMarkers([marker("c", 110), marker("a", 100), marker("b", 105), marker("d", 200)], 1000, 1000, 14);
    expect(ids(clusters)).toEqual([["a", "b", "c"], ["d"]]);
    // Drawn at its first marker.
    expect(clusters[0]).toMatchObject({ key: "a", firstFrame: 100, lastFrame: 110, position: 0.1 });
  });

  it("never chains a dense stretch into one dot: each cluster spans less than the gap from its first marker, where it is drawn", () => {
    const dense = Array.from({ length: 2000 }, (_, index) => marker(`m${index}`, index * 0.5));
    const clusters = clusterMarkers(dense, 1000, 800, 14);
    // 2000 markers over 800 px: about 800 / 14 clusters, none wider than the gap.
    expect(clusters.length).toBeGreaterThanOrEqual(50);
    expect(clusters.length).toBeLessThanOrEqual(60);
    for (const cluster of clusters) expect(((cluster.lastFrame - cluster.firstFrame) / 1000) * 800).toBeLessThan(14 + 1e-9);
    // Drawn at their first markers, neighbours are at least the gap apart: they never overlap.
    const gaps = clusters.slice(1).map((cluster, index) => (cluster.position - clusters[index]!.position) * 800);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(14 - 1e-9);
    expect(clusters.reduce((sum, cluster) => sum + cluster.markers.length, 0)).toBe(2000);
  });

  it("merges more as the track gets narrower", () => {
    const spread = Array.from({ length: 100 }, (_, index) => marker(`m${index}`, index * 10));
    expect(clusterMarkers(spread, 1000, 3000).length).toBe(100); // 30 px apart: wider than a target
    expect(clusterMarkers(spread, 1000, 200).length).toBeLessThan(20);
  });

  it("assumes a track width before it is measured, and copes with a zero-length clip", () => {
    expect(ids(clusterMarkers([marker("a", 0), marker("b", 40)], 49, 0))).toEqual([["a"], ["b"]]);
    expect(ids(clusterMarkers([marker("a", 0), marker("b", 0)], 0, 500))).toEqual([["a", "b"]]);
  });
});

describe("rangeBands", () => {
  it("draws overlapping or touching ranges as one band, resolved only when all of them are", () => {
    const bands = rangeBands(
      [marker("a", 100, 200, true), marker("b", 150, 300), marker("p", 50), marker("c", 600, 700, true), marker("d", 700, 750, true)],
      1000,
      1000,
    );
    expect(bands).toEqual([
      { key: "a", start: 0.1, end: 0.3, resolved: false },
      { key: "c", start: 0.6, end: 0.75, resolved: true },
    ]);
  });
});

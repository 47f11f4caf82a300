import { timelinePosition } from "./keys";

/** What clustering needs of a marker. */
export interface ClusterableMarker {
  id: string;
  frame: number;
  endFrame: number | null;
}

export interface MarkerCluster<T extends ClusterableMarker> {
  /** The first marker's id: stable while markers are added after it. */
  key: string;
  /** Its markers in frame order (one for a plain marker). */
  markers: T[];
  /** Frames of its first and last marker. */
  firstFrame: number;
  lastFrame: number;
  /**
   * Where it is drawn, 0..1 along the track: at its first marker. Clusters start at least the
   * gap apart, so drawn there they never overlap (drawn mid-span, two could).
   */
  position: number;
}

/** Markers closer than this many pixels merge: each one's target is 24 px wide (WCAG 2.5.8). */
export const CLUSTER_GAP_PX = 24;
/** Width assumed before the track is measured (and in tests without layout). */
export const FALLBACK_TRACK_PX = 640;

/**
 * Markers that would overlap on a track `trackPx` wide, grouped left to right: a cluster
 * takes the following markers while they sit less than `gapPx` from its FIRST marker, so a
 * cluster never spans more than `gapPx` and a dense stretch becomes a row of clusters (a
 * chain rule would swallow the whole clip into one dot).
 */
export function clusterMarkers<T extends ClusterableMarker>(
  markers: readonly T[],
  lastFrame: number,
  trackPx: number,
  gapPx = CLUSTER_GAP_PX,
): MarkerCluster<T>[] {
  const width = trackPx > 0 ? trackPx : FALLBACK_TRACK_PX;
  const sorted = [...markers].sort((a, b) => a.frame - b.frame || a.id.localeCompare(b.id));
  const clusters: MarkerCluster<T>[] = [];
  let current: MarkerCluster<T> | null = null;
  let anchorPx = 0;
  for (const marker of sorted) {
    const px = timelinePosition(marker.frame, lastFrame) * width;
    if (current && px - anchorPx < gapPx) {
      current.markers.push(marker);
      current.lastFrame = marker.frame;
      continue;
    }
    current = { key: marker.id, markers: [marker], firstFrame: marker.frame, lastFrame: marker.frame, position: px / width };
    anchorPx = px;
    clusters.push(current);
  }
  return clusters;
}

export interface RangeBand {
  key: string;
  /** 0..1 along the track. */
  start: number;
  end: number;
  /** Every range in it is resolved. */
  resolved: boolean;
}

/**
 * The spans of range comments as a few bands: ranges that overlap or lie within a pixel
 * of each other are drawn as one (2,000 overlapping spans would be 2,000 elements).
 */
export function rangeBands<T extends ClusterableMarker & { resolved?: boolean }>(
  markers: readonly T[],
  lastFrame: number,
  trackPx: number,
): RangeBand[] {
  const width = trackPx > 0 ? trackPx : FALLBACK_TRACK_PX;
  const ranges = markers
    .filter((marker) => marker.endFrame !== null)
    .map((marker) => ({
      id: marker.id,
      start: timelinePosition(marker.frame, lastFrame),
      end: timelinePosition(marker.endFrame ?? marker.frame, lastFrame),
      resolved: Boolean(marker.resolved),
    }))
    .sort((a, b) => a.start - b.start);
  const bands: RangeBand[] = [];
  for (const range of ranges) {
    const last = bands[bands.length - 1];
    if (last && (range.start - last.end) * width < 1) {
      last.end = Math.max(last.end, range.end);
      last.resolved = last.resolved && range.resolved;
    } else {
      bands.push({ key: range.id, start: range.start, end: range.end, resolved: range.resolved });
    }
  }
  return bands;
}

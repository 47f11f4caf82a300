import type { TimelineMarker } from "../ui/timeline-markers";

/** What a comment of either shape (member or guest) needs to be a marker. */
export interface MarkedComment {
  id: string;
  frame: number;
  end_frame: number | null;
  body: string;
  deleted?: boolean;
  resolved?: boolean;
  internal?: boolean;
}

/** A comment list's timeline markers, deleted comments left out (the player clusters them). */
export function commentMarkers<T extends MarkedComment>(items: readonly T[], authorOf: (item: T) => string): TimelineMarker[] {
  return items
    .filter((item) => !item.deleted)
    .map((item) => ({
      id: item.id,
      frame: item.frame,
      endFrame: item.end_frame,
      label: `${authorOf(item)}: ${item.body.slice(0, 60)}`,
      resolved: item.resolved,
      internal: item.internal,
    }));
}

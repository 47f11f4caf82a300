import { useMemo } from "react";

import type { GuestFeedback } from "@/features/review/share-link";
import type { TimelineMarker } from "@/widgets/review-player";

/** The timeline's markers for the guest's comments: once per list, not on every frame (the player clusters them). */
export function useGuestMarkers(items: readonly GuestFeedback[]): TimelineMarker[] {
  return useMemo(
    () =>
      items
        .filter((item) => !item.deleted)
        .map((item) => ({
          id: item.id,
          frame: item.frame,
          endFrame: item.end_frame,
          label: `${item.author.display_name}: ${item.body.slice(0, 60)}`,
          resolved: item.resolved,
        })),
    [items],
  );
}

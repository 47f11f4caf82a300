import { useMemo } from "react";

import type { GuestFeedback } from "@/features/review/share-link";
import { commentMarkers, type TimelineMarker } from "@/widgets/review-player";

/** The timeline's markers for the guest's comments: once per list, not on every frame (the player clusters them). */
export function useGuestMarkers(items: readonly GuestFeedback[]): TimelineMarker[] {
  return useMemo(() => commentMarkers(items, (item) => item.author.display_name), [items]);
}

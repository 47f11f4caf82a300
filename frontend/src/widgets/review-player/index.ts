export { commentMarkers, type MarkedComment } from "./model/comment-markers";
export { commandForKey, isTypingTarget, timelinePosition, type PlayerCommand } from "./model/keys";
export { ComparePlayers, type CompareSide } from "./ui/compare-players";
export { ReviewPlayer, type PlayerHandle, type ReviewPlayerProps } from "./ui/review-player";
export { Timeline, type TimelineMarker, type TimelinePlayhead, type TimelineProps } from "./ui/timeline";

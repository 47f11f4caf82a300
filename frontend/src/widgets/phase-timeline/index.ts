export { PhaseTimeline } from "./ui/phase-timeline";
export { applyDrag, pixelsToDays, timelineRange, type DragMode } from "./model/timeline";

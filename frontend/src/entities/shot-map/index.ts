export {
  SHOT_MAPS_TAG,
  shotFeedbackTag,
  shotMapApi,
  shotMapTag,
  useGetPlanShotFeedbackQuery,
  useGetShotMapQuery,
  useSaveShotMapMutation,
  withRanges,
} from "./api/shot-map-api";
export { shotAt, shotIndexAt, type FrameSpan } from "./model/lookup";
export { registerShotFeedbackRealtime, registerShotMapRealtime } from "./model/realtime";
export {
  isShotMap,
  type MappedShot,
  type ShotFeedback,
  type ShotMap,
  type ShotMapSource,
  type ShotRange,
  type ShotRef,
} from "./model/types";
export { CurrentShot, useShotSizeLabel, type CurrentShotProps } from "./ui/current-shot";
export { ShotBadge } from "./ui/shot-badge";

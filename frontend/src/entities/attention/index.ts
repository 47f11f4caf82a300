export {
  attentionApi,
  reportGuestAttention,
  useGetMyAttentionQuery,
  useGetVersionAttentionQuery,
  useLazyGetMyAttentionQuery,
  useReportAttentionMutation,
  type GuestReport,
  type ReportArgs,
} from "./api/attention-api";
export { formatClock, percentLabel, rangeLabel, rangeLabels, seenBy } from "./model/format";
export { guestViewerKey } from "./model/guest-key";
export { mergeRanges } from "./model/ranges";
export { createWatchTracker, MAX_STEP_SECONDS, type TrackerHint, type WatchTracker } from "./model/tracker";
export type { AttentionPerson, AttentionRange, DecisionBasis, FrameRange, OwnAttention, VersionAttention } from "./model/types";
export { REPORT_EVERY_MS, useWatchReporter, type SendReport, type WatchReporter } from "./model/use-watch-reporter";

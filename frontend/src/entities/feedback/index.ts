export { feedbackApi, useListFeedbackQuery } from "./api/feedback-api";
export {
  ANNOTATION_COLORS,
  isAnnotation,
  MAX_FREEHAND_POINTS,
  MAX_SHAPES,
  SHAPE_TYPES,
  unit,
  type Annotation,
  type ArrowShape,
  type EllipseShape,
  type FreehandShape,
  type Point,
  type RectShape,
  type Shape,
  type ShapeType,
  type TextShape,
} from "./model/annotation";
export {
  commentListFrom,
  dropFromList,
  feedbackItems,
  findInList,
  isLoadingMore,
  mergeFeedbackPage,
  mergeRefetchedList,
  patchInList,
  removeFromList,
  setReactionsInList,
  toggleReaction,
  upsertInList,
  type CommentList,
  type FeedbackList,
  type ListedComment,
} from "./model/cache";
export { FIRST_PAGE_SIZE, followListQuery, loadRestOfList, nextPagePath, PAGE_SIZE, type RestOfList } from "./model/pages";
export { registerFeedbackRealtime } from "./model/realtime";
export { registerFeedbackShotRealtime } from "./model/shot-tags";
export { currentFeedbackId, feedbackAtFrame, feedbackAuthors, feedbackShots, filterFeedback, type TimedItem } from "./model/sync";
export {
  authorName,
  DEFAULT_FEEDBACK_FILTER,
  isFeedback,
  REACTIONS,
  type Feedback,
  type FeedbackFilter,
  type FeedbackInput,
  type FeedbackTriage,
  type FeedbackUser,
  type ReactionSummary,
} from "./model/types";
export { FEEDBACK_BODY_MAX_LENGTH, feedbackBodyLength, isFeedbackBodyTooLong } from "./model/body-limit";
export { AnnotationView, type AnnotationViewProps } from "./ui/annotation-view";
export { BodyCounter, type BodyCounterProps } from "./ui/body-counter";
export { TriageBadge } from "./ui/triage-badge";
export { timecodeSpan } from "./model/span";
export { PostedAt } from "./ui/posted-at";

export { FeedbackItem, type FeedbackItemProps } from "./ui/feedback-item";
export { FeedbackPanel, type FeedbackPanelProps } from "./ui/feedback-panel";
export { FeedbackPanelSkeleton } from "./ui/feedback-panel-skeleton";

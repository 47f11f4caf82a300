"use client";

import { CommentComposer, type CommentComposerProps } from "@/features/review/add-feedback";
import { FeedbackPanel, type FeedbackPanelProps } from "@/widgets/feedback-panel";

export interface CommentsColumnProps extends Omit<FeedbackPanelProps, "composer"> {
  /** The composer, when the viewer may comment here. */
  composer: CommentComposerProps | null;
}

/** The room's comment list with its composer; the page loads it beside the comments themselves. */
export default function CommentsColumn({ composer, ...panel }: CommentsColumnProps) {
  return <FeedbackPanel {...panel} composer={composer ? <CommentComposer {...composer} /> : null} />;
}

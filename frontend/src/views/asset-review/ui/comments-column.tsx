"use client";

import { isLoadingMore, useListFeedbackQuery } from "@/entities/feedback";
import { CommentComposer, type CommentComposerProps } from "@/features/review/add-feedback";
import { FeedbackPanel, type FeedbackPanelProps } from "@/widgets/feedback-panel";

export interface CommentsColumnProps extends Omit<FeedbackPanelProps, "composer" | "loadingMore" | "loadFailed" | "onRetryLoad"> {
  /** The composer, when the viewer may comment here. */
  composer: CommentComposerProps | null;
}

/** The room's comment list with its composer; the page loads it beside the comments themselves. */
export default function CommentsColumn({ composer, ...panel }: CommentsColumnProps) {
  // The room's own query (same version, so no second request): whether later pages still come.
  const list = useListFeedbackQuery(panel.versionId);
  return (
    <FeedbackPanel
      {...panel}
      loadingMore={isLoadingMore(list.data)}
      loadFailed={list.data?.loadFailed ?? false}
      onRetryLoad={() => void list.refetch()}
      composer={composer ? <CommentComposer {...composer} /> : null}
    />
  );
}

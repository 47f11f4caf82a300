"use client";

import { useMemo, type RefObject } from "react";

import type { Feedback } from "@/entities/feedback";
import { useTranslations } from "@/shared/i18n";
import { VirtualList } from "@/shared/ui";

import { FeedbackItem, type FeedbackItemProps } from "./feedback-item";
import styles from "./feedback-panel.module.css";

type RowProps = Omit<FeedbackItemProps, "feedback" | "current" | "selected" | "onEngagedChange">;

export interface FeedbackListProps extends RowProps {
  items: readonly Feedback[];
  /** The panel's scrolling box, which holds only this list. */
  scrollRef: RefObject<HTMLDivElement | null>;
  currentId: string | null;
  selectedId: string | null;
}

/**
 * The comment list, virtualised (`VirtualList`): only the rows in and near the view exist.
 * Rows with an open reply or edit form stay rendered while scrolled away.
 * ↑/↓/Home/End move between comments, Enter seeks to one.
 */
export function FeedbackList({ items, scrollRef, currentId, selectedId, onSeek, me: viewer, ...row }: FeedbackListProps) {
  const t = useTranslations("reviewFeedback");
  // The page rebuilds "me" on every render (the playhead moves many times a second): keep one
  // object per person so the memoised rows do not all re-render with it.
  const { id: myId, email, display_name: myName, avatar } = viewer;
  const me = useMemo(() => ({ id: myId, email, display_name: myName, avatar }), [avatar, email, myId, myName]);
  return (
    <VirtualList
      items={items}
      scrollRef={scrollRef}
      currentId={currentId}
      selectedId={selectedId}
      onActivate={onSeek}
      label={t("title")}
      keysHint={t("listKeys")}
      className={styles.list}
      data-testid="feedback-list"
      renderItem={(item, onEngagedChange) => (
        <FeedbackItem
          {...row}
          me={me}
          feedback={item}
          current={item.id === currentId}
          selected={item.id === selectedId}
          onSeek={onSeek}
          onEngagedChange={onEngagedChange}
        />
      )}
    />
  );
}

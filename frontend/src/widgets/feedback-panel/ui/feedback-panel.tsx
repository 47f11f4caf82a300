"use client";

import { useEffect, useMemo, useRef, type ReactNode } from "react";

import type { ReviewUser } from "@/entities/asset";
import type { Member } from "@/entities/project";
import { feedbackAuthors, filterFeedback, type Feedback, type FeedbackFilter } from "@/entities/feedback";
import { roleAllows } from "@/shared/api";
import { useTranslations } from "@/shared/i18n";
import { EmptyState, Segmented } from "@/shared/ui";

import { FeedbackItem } from "./feedback-item";
import { FeedbackPanelSkeleton } from "./feedback-panel-skeleton";
import styles from "./feedback-panel.module.css";

export interface FeedbackPanelProps {
  versionId: string;
  items: readonly Feedback[];
  loading: boolean;
  error: ReactNode;
  filter: FeedbackFilter;
  onFilterChange: (filter: FeedbackFilter) => void;
  currentId: string | null;
  selectedId: string | null;
  onSeek: (feedback: Feedback) => void;
  me: ReviewUser;
  members: readonly Member[];
  canComment: boolean;
  canResolve: boolean;
  canModerate: boolean;
  /** Names of people typing a comment right now. */
  typing: readonly string[];
  composer?: ReactNode;
}

/** The comment list of a version, synced to the playhead, with filters and the composer below. */
export function FeedbackPanel({
  versionId,
  items,
  loading,
  error,
  filter,
  onFilterChange,
  currentId,
  selectedId,
  onSeek,
  me,
  members,
  canComment,
  canResolve,
  canModerate,
  typing,
  composer,
}: FeedbackPanelProps) {
  const t = useTranslations("reviewFeedback");
  // Team-only notes never reach a role without view_internal (the reviewer, the client): no
  // visibility filter for them. Unknown (members not loaded yet): keep it.
  const myRole = members.find((member) => member.user.id === me.id)?.role;
  const showVisibility = myRole === undefined || roleAllows(myRole, "view_internal");
  const listRef = useRef<HTMLUListElement>(null);
  const visible = useMemo(() => filterFeedback(items, filter), [items, filter]);
  const authors = useMemo(() => feedbackAuthors(items), [items]);
  const open = items.filter((item) => !item.resolved && !item.deleted).length;

  // Keep the comment at the playhead in view as the video plays.
  useEffect(() => {
    if (!currentId) return;
    const node = listRef.current?.querySelector<HTMLElement>(`[data-feedback-id="${currentId}"]`);
    node?.scrollIntoView?.({ block: "nearest", behavior: "smooth" });
  }, [currentId]);

  return (
    <section className={styles.panel} aria-label={t("title")} data-testid="feedback-panel">
      <header className={styles.header}>
        <h2 className={styles.title}>
          {t("title")} <span className={styles.count}>{t("openCount", { open, total: items.length })}</span>
        </h2>
        <div className={styles.filters}>
          <Segmented
            label={t("filterResolved")}
            value={filter.resolved}
            onChange={(resolved) => onFilterChange({ ...filter, resolved })}
            options={[
              { value: "all", label: t("all") },
              { value: "open", label: t("open") },
              { value: "resolved", label: t("resolvedFilter") },
            ]}
          />
          <select
            className={styles.select}
            aria-label={t("filterAuthor")}
            value={filter.author ?? ""}
            onChange={(event) => onFilterChange({ ...filter, author: event.target.value || null })}
          >
            <option value="">{t("allAuthors")}</option>
            {authors.map((author) => (
              <option key={author.id} value={author.id}>
                {author.name}
              </option>
            ))}
          </select>
          {showVisibility ? (
            <select
              className={styles.select}
              aria-label={t("filterInternal")}
              value={filter.internal}
              onChange={(event) => onFilterChange({ ...filter, internal: event.target.value as FeedbackFilter["internal"] })}
            >
              <option value="all">{t("allVisibility")}</option>
              <option value="internal">{t("internalOnly")}</option>
              <option value="public">{t("publicOnly")}</option>
            </select>
          ) : null}
          <label className={styles.checkLabel}>
            <input type="checkbox" checked={filter.annotated} onChange={(event) => onFilterChange({ ...filter, annotated: event.target.checked })} />
            {t("withDrawing")}
          </label>
        </div>
      </header>
      <div className={styles.scroll}>
        {loading ? (
          <FeedbackPanelSkeleton />
        ) : error ? (
          <div className={styles.empty}>{error}</div>
        ) : visible.length === 0 ? (
          <div className={styles.empty}>
            <EmptyState compact title={items.length === 0 ? t("empty") : t("emptyFiltered")} body={items.length === 0 ? t("emptyHint") : undefined} />
          </div>
        ) : (
          <ul ref={listRef} className={styles.list} data-testid="feedback-list">
            {visible.map((item) => (
              <FeedbackItem
                key={item.id}
                versionId={versionId}
                feedback={item}
                me={me}
                members={members}
                current={item.id === currentId}
                selected={item.id === selectedId}
                canComment={canComment}
                canResolve={canResolve}
                canModerate={canModerate}
                onSeek={onSeek}
              />
            ))}
          </ul>
        )}
      </div>
      <p className={styles.typing} aria-live="polite" data-testid="typing-indicator">
        {typing.length > 0 ? t("typing", { names: typing.join(", "), count: typing.length }) : ""}
      </p>
      {composer}
    </section>
  );
}

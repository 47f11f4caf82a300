"use client";

import { useMemo, useRef, type ReactNode } from "react";

import type { ReviewUser } from "@/entities/asset";
import type { Member } from "@/entities/project";
import { feedbackAuthors, feedbackShots, filterFeedback, type Feedback, type FeedbackFilter } from "@/entities/feedback";
import { roleAllows } from "@/shared/api";
import { useTranslations } from "@/shared/i18n";
import { EmptyState, Segmented } from "@/shared/ui";

import { FeedbackList } from "./feedback-list";
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
  /** Later pages of a long round are still on their way. */
  loadingMore?: boolean;
  /** Loading them failed after retries; `onRetryLoad` starts over. */
  loadFailed?: boolean;
  onRetryLoad?: () => void;
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
  loadingMore = false,
  loadFailed = false,
  onRetryLoad,
}: FeedbackPanelProps) {
  const t = useTranslations("reviewFeedback");
  const tshots = useTranslations("shots.filter");
  // Team-only notes never reach a role without view_internal (the reviewer, the client): no
  // visibility filter for them. Unknown (members not loaded yet): keep it.
  const myRole = members.find((member) => member.user.id === me.id)?.role;
  const showVisibility = myRole === undefined || roleAllows(myRole, "view_internal");
  const scrollRef = useRef<HTMLDivElement>(null);
  const visible = useMemo(() => filterFeedback(items, filter), [items, filter]);
  const authors = useMemo(() => feedbackAuthors(items), [items]);
  const shots = useMemo(() => feedbackShots(items), [items]);
  const open = items.filter((item) => !item.resolved && !item.deleted).length;

  return (
    <section className={styles.panel} aria-label={t("title")} data-testid="feedback-panel">
      <header className={styles.header}>
        <div className={styles.titleRow}>
          <h2 className={styles.title}>
            {t("title")} <span className={styles.count}>{t("openCount", { open, total: items.length })}</span>
          </h2>
          {loadingMore ? (
            <span className={styles.loadState} role="status" data-testid="feedback-loading-more">
              {t("loadingMore")}
            </span>
          ) : null}
          {loadFailed ? (
            <span className={styles.loadState} role="alert">
              {t("loadFailed")}
              <button type="button" className={styles.textButton} onClick={onRetryLoad}>
                {t("retryLoad")}
              </button>
            </span>
          ) : null}
        </div>
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
          {shots.length > 0 || filter.shot ? (
            <select
              className={styles.select}
              aria-label={tshots("label")}
              value={filter.shot ?? ""}
              onChange={(event) => onFilterChange({ ...filter, shot: event.target.value || null })}
              data-testid="shot-filter"
            >
              <option value="">{tshots("all")}</option>
              {shots.map((shot) => (
                <option key={shot.shot_id} value={shot.shot_id}>
                  {tshots("option", { number: shot.number })}
                </option>
              ))}
            </select>
          ) : null}
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
      <div ref={scrollRef} className={styles.scroll}>
        {loading ? (
          <FeedbackPanelSkeleton />
        ) : error ? (
          <div className={styles.empty}>{error}</div>
        ) : visible.length === 0 ? (
          <div className={styles.empty}>
            <EmptyState compact title={items.length === 0 ? t("empty") : t("emptyFiltered")} body={items.length === 0 ? t("emptyHint") : undefined} />
          </div>
        ) : (
          <FeedbackList
            scrollRef={scrollRef}
            items={visible}
            versionId={versionId}
            me={me}
            members={members}
            currentId={currentId}
            selectedId={selectedId}
            canComment={canComment}
            canResolve={canResolve}
            canModerate={canModerate}
            onSeek={onSeek}
          />
        )}
      </div>
      <p className={styles.typing} aria-live="polite" data-testid="typing-indicator">
        {typing.length > 0 ? t("typing", { names: typing.join(", "), count: typing.length }) : ""}
      </p>
      {composer}
    </section>
  );
}

"use client";

import { memo, useRef } from "react";

import { isLoadingMore, PostedAt, timecodeSpan } from "@/entities/feedback";
import { useGetSharePageQuery, type GuestFeedback } from "@/features/review/share-link";
import { useTranslations } from "@/shared/i18n";
import { Avatar, EmptyState, VirtualList, cx } from "@/shared/ui";

import styles from "./share-review-page.module.css";

/** One comment as a guest sees it, with its replies. Memoised: the page re-renders with the playhead. */
const GuestComment = memo(function GuestComment({ item, current, onSeek }: { item: GuestFeedback; current: boolean; onSeek: (item: GuestFeedback) => void }) {
  const t = useTranslations("reviewGuest");
  // As members see it: a range reads "start – end", the posting time relative.
  const span = timecodeSpan(item);
  return (
    <article className={cx(styles.item, current && styles.current)} data-testid="guest-feedback-item" aria-current={current ? "true" : undefined}>
      <div className={styles.meta}>
        <Avatar name={item.author.display_name} size={22} />
        <span className={styles.author}>{item.author.display_name}</span>
        {item.author.is_guest ? <span className={styles.tag}>{t("guest")}</span> : null}
        <PostedAt at={item.created_at} className={styles.time} />
        {item.resolved ? <span className={cx(styles.tag, styles.resolved)}>{t("resolved")}</span> : null}
        {item.carried_over ? <span className={styles.tag}>{t("carriedFrom", { number: item.version_number })}</span> : null}
        <span className={styles.spacer} />
        <button type="button" className={styles.timecode} onClick={() => onSeek(item)} aria-label={t("seekTo", { timecode: span })} data-testid="guest-feedback-timecode">
          {span}
        </button>
      </div>
      <p className={cx(styles.text, item.deleted && styles.deleted)}>{item.deleted ? t("deleted") : item.body}</p>
      {item.replies.length > 0 ? (
        <ul className={styles.replies}>
          {item.replies.map((reply) => (
            <li key={reply.id} className={styles.reply}>
              <div className={styles.meta}>
                <Avatar name={reply.author.display_name} size={18} />
                <span className={styles.author}>{reply.author.display_name}</span>
                <PostedAt at={reply.created_at} className={styles.time} />
              </div>
              <p className={styles.text}>{reply.body}</p>
            </li>
          ))}
        </ul>
      ) : null}
    </article>
  );
});

export interface GuestCommentsProps {
  /** The link and its password: the page's own query, for how far its comments have loaded. */
  token: string;
  password: string;
  items: readonly GuestFeedback[];
  /** The comment at the playhead (kept in view). */
  currentId: string | null;
  /** The comment picked (on the timeline, or just posted): brought to the middle of the list. */
  selectedId: string | null;
  onSeek: (item: GuestFeedback) => void;
}

/**
 * The link's comments (never the internal ones), with their replies: the members' virtualised
 * list, so a version with thousands of comments keeps a small page. The first page shows at
 * once; the rest arrive behind it (`getSharePage`), and a load that gave up can be retried.
 */
export function GuestComments({ token, password, items, currentId, selectedId, onSeek }: GuestCommentsProps) {
  const t = useTranslations("reviewGuest");
  const tlist = useTranslations("reviewFeedback");
  // The page's own query (same arguments, so no second request): whether later pages still come.
  const page = useGetSharePageQuery({ token, password });
  const list = page.data?.feedback;
  const scrollRef = useRef<HTMLDivElement>(null);
  return (
    <>
      <div className={styles.sideHead}>
        <h2 className={styles.sideTitle}>
          {t("comments")} <span className={styles.muted}>{items.length}</span>
        </h2>
        {isLoadingMore(list) ? (
          <span className={styles.loadState} role="status" data-testid="guest-feedback-loading-more">
            {tlist("loadingMore")}
          </span>
        ) : null}
        {list?.loadFailed ? (
          <span className={styles.loadState} role="alert">
            {tlist("loadFailed")}
            <button type="button" className={styles.textButton} onClick={() => void page.refetch()}>
              {tlist("retryLoad")}
            </button>
          </span>
        ) : null}
      </div>
      <div ref={scrollRef} className={styles.scroll}>
        {items.length === 0 ? (
          <EmptyState compact title={t("empty")} />
        ) : (
          <VirtualList
            items={items}
            scrollRef={scrollRef}
            currentId={currentId}
            selectedId={selectedId}
            onActivate={onSeek}
            label={t("comments")}
            keysHint={tlist("listKeys")}
            estimatedRowPx={80}
            className={styles.list}
            data-testid="guest-feedback-list"
            renderItem={(item) => <GuestComment item={item} current={item.id === currentId} onSeek={onSeek} />}
          />
        )}
      </div>
    </>
  );
}

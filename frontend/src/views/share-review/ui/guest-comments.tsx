"use client";

import type { GuestFeedback } from "@/features/review/share-link";
import { useTranslations } from "@/shared/i18n";
import { Avatar, EmptyState, cx } from "@/shared/ui";

import styles from "./share-review-page.module.css";

function GuestComment({ item, current, onSeek }: { item: GuestFeedback; current: boolean; onSeek: (item: GuestFeedback) => void }) {
  const t = useTranslations("reviewGuest");
  return (
    <li className={cx(styles.item, current && styles.current)} data-testid="guest-feedback-item" aria-current={current ? "true" : undefined}>
      <div className={styles.meta}>
        <Avatar name={item.author.display_name} size={22} />
        <span className={styles.author}>{item.author.display_name}</span>
        {item.author.is_guest ? <span className={styles.tag}>{t("guest")}</span> : null}
        {item.resolved ? <span className={cx(styles.tag, styles.resolved)}>{t("resolved")}</span> : null}
        {item.carried_over ? <span className={styles.tag}>{t("carriedFrom", { number: item.version_number })}</span> : null}
        <span className={styles.spacer} />
        <button type="button" className={styles.timecode} onClick={() => onSeek(item)} aria-label={t("seekTo", { timecode: item.smpte })}>
          {item.smpte}
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
              </div>
              <p className={styles.text}>{reply.body}</p>
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

export interface GuestCommentsProps {
  items: readonly GuestFeedback[];
  /** The comment at the playhead. */
  currentId: string | null;
  onSeek: (item: GuestFeedback) => void;
}

/** The link's comments (never the internal ones), with their replies. */
export function GuestComments({ items, currentId, onSeek }: GuestCommentsProps) {
  const t = useTranslations("reviewGuest");
  return (
    <>
      <h2 className={styles.sideTitle}>
        {t("comments")} <span className={styles.muted}>{items.length}</span>
      </h2>
      <div className={styles.scroll}>
        {items.length === 0 ? (
          <EmptyState compact title={t("empty")} />
        ) : (
          <ul className={styles.list}>
            {items.map((item) => (
              <GuestComment key={item.id} item={item} current={item.id === currentId} onSeek={onSeek} />
            ))}
          </ul>
        )}
      </div>
    </>
  );
}

"use client";

import { lazy, memo, Suspense, useEffect, useState, type ReactNode } from "react";

import type { ReviewUser } from "@/entities/asset";
import type { Member } from "@/entities/project";
import { authorName, PostedAt, timecodeSpan, TriageBadge, type Feedback } from "@/entities/feedback";
import { ShotBadge } from "@/entities/shot-map";
import { MentionInput, mentionableMembers, mentionedIds } from "@/features/review/add-feedback";
import { DeleteFeedbackButton, EditFeedbackForm } from "@/features/review/edit-feedback";
import { ReactionBar } from "@/features/review/react-to-feedback";
import { ResolveButton } from "@/features/review/resolve-feedback";
import { useTranslations } from "@/shared/i18n";
import { Avatar, cx } from "@/shared/ui";

import styles from "./feedback-panel.module.css";

// Opened from a comment's "reply": its code loads then.
const ReplyForm = lazy(() => import("@/features/review/add-feedback").then((m) => ({ default: m.ReplyForm })));

/** Body text with `@Name` mentions of known people highlighted. */
function BodyText({ text, mentions }: { text: string; mentions: readonly ReviewUser[] }) {
  if (mentions.length === 0) return <>{text}</>;
  const names = mentions.map((user) => `@${user.display_name}`).sort((a, b) => b.length - a.length);
  const escaped = names.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const parts = text.split(new RegExp(`(${escaped.join("|")})`, "g"));
  return (
    <>
      {parts.map((part, index) =>
        names.includes(part) ? (
          <span key={index} className={styles.mention}>
            {part}
          </span>
        ) : (
          <span key={index}>{part}</span>
        ),
      )}
    </>
  );
}

export interface FeedbackItemProps {
  versionId: string;
  feedback: Feedback;
  me: ReviewUser;
  members: readonly Member[];
  current: boolean;
  selected: boolean;
  canComment: boolean;
  canResolve: boolean;
  canModerate: boolean;
  onSeek: (feedback: Feedback) => void;
  /** A reply or edit form opened or closed (the list keeps such a row rendered while scrolled away). */
  onEngagedChange?: (id: string, engaged: boolean) => void;
}

function Meta({ feedback, children }: { feedback: Feedback; children?: ReactNode }) {
  const t = useTranslations("reviewFeedback");
  return (
    <div className={styles.meta}>
      <Avatar name={authorName(feedback)} src={feedback.author?.avatar} size={22} />
      <span className={styles.author}>{authorName(feedback)}</span>
      {feedback.is_guest ? <span className={styles.tag}>{t("guest")}</span> : null}
      <PostedAt at={feedback.created_at} className={styles.time} />
      {feedback.edited_at ? <span className={styles.time}>{t("edited")}</span> : null}
      {children}
    </div>
  );
}

/**
 * One comment with its replies, reactions and actions. Memoised: a row re-renders only when
 * its comment or its own flags change, not when another comment does or the playhead moves.
 */
export const FeedbackItem = memo(function FeedbackItem({
  versionId,
  feedback,
  me,
  members,
  current,
  selected,
  canComment,
  canResolve,
  canModerate,
  onSeek,
  onEngagedChange,
}: FeedbackItemProps) {
  const t = useTranslations("reviewFeedback");
  const [replying, setReplying] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const mine = feedback.author?.id === me.id;
  // An internal note (and its replies) mentions only members who can read it.
  const mentionable = mentionableMembers(members, feedback.internal);
  const engaged = replying || editing !== null;
  // Shown on the seek button and part of its name, so what is seen is what is said (WCAG 2.5.3).
  const span = timecodeSpan(feedback);
  useEffect(() => {
    if (!engaged) return;
    onEngagedChange?.(feedback.id, true);
    return () => onEngagedChange?.(feedback.id, false);
  }, [engaged, feedback.id, onEngagedChange]);

  const editInput = (value: string, onChange: (value: string) => void, submit: () => void) => (
    <MentionInput value={value} onValueChange={onChange} members={mentionable} onSubmitShortcut={submit} rows={2} aria-label={t("editLabel")} autoFocus />
  );

  return (
    <article
      className={cx(styles.item, current && styles.current, selected && styles.selected, feedback.resolved && styles.resolvedItem)}
      data-testid="feedback-item"
      data-feedback-id={feedback.id}
      data-current={current || undefined}
      data-resolved={feedback.resolved || undefined}
      aria-current={current ? "true" : undefined}
    >
      <Meta feedback={feedback}>
        <span className={styles.spacer} />
        <button
          type="button"
          className={styles.timecode}
          onClick={() => onSeek(feedback)}
          aria-label={t("seekTo", { timecode: span })}
          data-testid="feedback-timecode"
        >
          {span}
        </button>
      </Meta>
      <div className={styles.badges}>
        <ShotBadge shot={feedback.shot} />
        {feedback.internal ? <span className={cx(styles.tag, styles.internalTag)}>{t("internal")}</span> : null}
        {feedback.carried_over ? (
          <span className={cx(styles.tag, styles.carriedTag)}>{t("carriedOver", { number: feedback.version_number })}</span>
        ) : null}
        {feedback.annotation ? <span className={styles.tag}>{t("hasDrawing")}</span> : null}
        {feedback.resolved ? <span className={cx(styles.tag, styles.resolvedTag)}>{t("resolved")}</span> : null}
        {feedback.pending ? <span className={styles.tag}>{t("sending")}</span> : null}
        <TriageBadge triage={feedback.triage} />
      </div>
      {editing === feedback.id ? (
        <EditFeedbackForm
          versionId={versionId}
          feedback={feedback}
          onDone={() => setEditing(null)}
          renderInput={editInput}
          mentionIds={(text) => mentionedIds(text, mentionable)}
        />
      ) : (
        <p className={cx(styles.body, feedback.deleted && styles.deleted)} data-testid="feedback-body">
          {feedback.deleted ? t("deleted") : <BodyText text={feedback.body} mentions={feedback.mentions} />}
        </p>
      )}
      {!feedback.deleted && !feedback.pending ? (
        <div className={styles.actions}>
          <ReactionBar versionId={versionId} feedbackId={feedback.id} reactions={feedback.reactions} userId={me.id} canReact={canComment} />
          <span className={styles.spacer} />
          {canComment ? (
            <button type="button" className={styles.textButton} onClick={() => setReplying((value) => !value)}>
              {t("reply")}
            </button>
          ) : null}
          {mine ? (
            <button type="button" className={styles.textButton} onClick={() => setEditing(feedback.id)}>
              {t("edit")}
            </button>
          ) : null}
          {mine || canModerate ? <DeleteFeedbackButton versionId={versionId} feedback={feedback} /> : null}
          {canResolve ? <ResolveButton versionId={versionId} feedbackId={feedback.id} resolved={feedback.resolved} /> : null}
        </div>
      ) : null}
      {feedback.replies.length > 0 ? (
        <ul className={styles.replies} aria-label={t("replies", { count: feedback.replies.length })}>
          {feedback.replies.map((reply) => (
            <li key={reply.id} className={styles.reply} data-testid="feedback-reply">
              <Meta feedback={reply} />
              {editing === reply.id ? (
                <EditFeedbackForm
                  versionId={versionId}
                  feedback={reply}
                  onDone={() => setEditing(null)}
                  renderInput={editInput}
                  mentionIds={(text) => mentionedIds(text, mentionable)}
                />
              ) : (
                <p className={styles.body}>
                  <BodyText text={reply.body} mentions={reply.mentions} />
                </p>
              )}
              {!reply.pending ? (
                <div className={styles.actions}>
                  <ReactionBar versionId={versionId} feedbackId={reply.id} reactions={reply.reactions} userId={me.id} canReact={canComment} />
                  <span className={styles.spacer} />
                  {reply.author?.id === me.id ? (
                    <button type="button" className={styles.textButton} onClick={() => setEditing(reply.id)}>
                      {t("edit")}
                    </button>
                  ) : null}
                  {reply.author?.id === me.id || canModerate ? <DeleteFeedbackButton versionId={versionId} feedback={reply} /> : null}
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {replying ? (
        <Suspense fallback={null}>
          <ReplyForm versionId={versionId} parent={feedback} members={members} me={me} onDone={() => setReplying(false)} />
        </Suspense>
      ) : null}
    </article>
  );
});

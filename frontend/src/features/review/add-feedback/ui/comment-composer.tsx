"use client";

import { useEffect, useId, useRef, useState, type FormEvent } from "react";

import type { ReviewUser } from "@/entities/asset";
import type { Member } from "@/entities/project";
import { BodyCounter, isFeedbackBodyTooLong, type Annotation } from "@/entities/feedback";
import { asApiError, roleAllows } from "@/shared/api";
import { useTranslations } from "@/shared/i18n";
import { useApiErrorText } from "@/shared/lib/errors";
import { frameToSmpte } from "@/shared/lib/timecode";
import { Button, cx, useToast } from "@/shared/ui";

import { useAddFeedbackMutation } from "../api/add-feedback-api";
import { mentionableMembers, mentionedIds } from "../model/mentions";
import styles from "./composer.module.css";
import { MentionInput } from "./mention-input";

export interface CommentComposerProps {
  versionId: string;
  fps: number;
  /** The frame on screen now. */
  frame: number;
  members: readonly Member[];
  me: ReviewUser;
  /** The drawing made on the frame for this comment (owned by the page, drawn over the player). */
  drawing: Annotation | null;
  drawingActive: boolean;
  onToggleDrawing: () => void;
  onClearDrawing: () => void;
  /** Starting to write pauses the player and pins the comment's frame. */
  onStartWriting?: () => void;
  onTyping?: (on: boolean) => void;
  onAdded?: () => void;
}

const TYPING_IDLE_MS = 3_000;

/** Add a comment at the current frame (or a range up to the playhead), with a drawing, mentions and the team-only flag. */
export function CommentComposer({
  versionId,
  fps,
  frame,
  members,
  me,
  drawing,
  drawingActive,
  onToggleDrawing,
  onClearDrawing,
  onStartWriting,
  onTyping,
  onAdded,
}: CommentComposerProps) {
  const t = useTranslations("reviewComposer");
  const errorText = useApiErrorText();
  const toast = useToast();
  const [addFeedback] = useAddFeedbackMutation();
  const [body, setBody] = useState("");
  const [anchor, setAnchor] = useState<number | null>(null);
  const [range, setRange] = useState(false);
  const [internalChecked, setInternal] = useState(false);
  // Team-only notes are for roles that may read them (the server's table: not the reviewer, the client).
  const myRole = members.find((member) => member.user.id === me.id)?.role ?? null;
  const mayWriteInternal = roleAllows(myRole, "view_internal");
  const internal = mayWriteInternal && internalChecked;
  const mentionable = mentionableMembers(members, internal);
  const [urgent, setUrgent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const typingTimer = useRef<number | null>(null);
  const typingOn = useRef(false);

  const counterId = useId();
  const tooLong = isFeedbackBodyTooLong(body);

  const start = anchor ?? frame;
  const end = range && frame > start ? frame : null;

  const stopTyping = () => {
    if (typingTimer.current !== null) window.clearTimeout(typingTimer.current);
    typingTimer.current = null;
    if (typingOn.current) {
      typingOn.current = false;
      onTyping?.(false);
    }
  };
  useEffect(() => stopTyping, []); // eslint-disable-line react-hooks/exhaustive-deps -- on unmount only

  const handleChange = (value: string) => {
    setBody(value);
    setError(null);
    if (anchor === null && value.trim() !== "") {
      setAnchor(frame);
      onStartWriting?.();
    }
    if (value === "" && !drawing) setAnchor(null);
    if (!typingOn.current && value !== "") {
      typingOn.current = true;
      onTyping?.(true);
    }
    if (typingTimer.current !== null) window.clearTimeout(typingTimer.current);
    typingTimer.current = window.setTimeout(stopTyping, TYPING_IDLE_MS);
  };

  const reset = () => {
    setBody("");
    setAnchor(null);
    setRange(false);
    setInternal(false);
    setUrgent(false);
    onClearDrawing();
    stopTyping();
  };

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    const text = body.trim();
    if (!text) {
      setError(t("bodyRequired"));
      return;
    }
    if (isFeedbackBodyTooLong(text)) return; // the counter says why; the server would refuse it
    const input = {
      body: text,
      frame: start,
      end_frame: end,
      annotation: drawing && drawing.shapes.length > 0 ? drawing : null,
      internal,
      urgent,
      mention_ids: mentionedIds(text, mentionable),
    };
    reset();
    onAdded?.();
    try {
      await addFeedback({ versionId, body: input, optimistic: { author: me, fps } }).unwrap();
    } catch (caught) {
      // The optimistic comment is gone again: give the text back so nothing is lost.
      setBody(text);
      setAnchor(start);
      setInternal(input.internal);
      setUrgent(input.urgent);
      const message = errorText(asApiError(caught));
      setError(message);
      toast.show({ tone: "error", message: t("failed", { reason: message }) });
    }
  };

  return (
    <form className={styles.composer} onSubmit={submit} aria-label={t("label")} data-testid="comment-composer">
      <div className={styles.meta}>
        <span className={styles.timecode} data-testid="composer-timecode">
          {frameToSmpte(start, fps)}
          {end !== null ? ` → ${frameToSmpte(end, fps)}` : ""}
        </span>
        {anchor !== null ? (
          <button type="button" className={styles.linkButton} onClick={() => setAnchor(frame)}>
            {t("usePlayhead")}
          </button>
        ) : null}
        {drawing && drawing.shapes.length > 0 ? (
          <span className={styles.drawnTag}>{t("drawn", { count: drawing.shapes.length })}</span>
        ) : null}
        {/* On the timecode's line, so the comment list keeps its room. */}
        <span className={styles.counter}>
          <BodyCounter text={body} id={counterId} />
        </span>
      </div>
      <MentionInput
        value={body}
        onValueChange={handleChange}
        members={mentionable}
        onSubmitShortcut={() => void submit()}
        placeholder={t("placeholder")}
        aria-label={t("body")}
        aria-invalid={error || tooLong ? true : undefined}
        aria-describedby={counterId}
        rows={2}
        onBlur={stopTyping}
      />
      {error ? (
        <p className={styles.error} role="alert">
          {error}
        </p>
      ) : null}
      <div className={styles.composerActions} data-testid="composer-actions">
        {/* The options wrap among themselves; the submit stays on their row, at its right end. */}
        <div className={styles.options}>
          <Button
            size="sm"
            variant={drawingActive ? "primary" : "ghost"}
            aria-pressed={drawingActive}
            onClick={() => {
              if (anchor === null) {
                setAnchor(frame);
                onStartWriting?.();
              }
              onToggleDrawing();
            }}
          >
            {t("draw")}
          </Button>
          <label className={styles.check}>
            <input type="checkbox" checked={range} onChange={(event) => setRange(event.target.checked)} />
            {t("range")}
          </label>
          {mayWriteInternal ? (
            <label className={cx(styles.check, internal && styles.internalOn)}>
              <input type="checkbox" checked={internal} onChange={(event) => setInternal(event.target.checked)} />
              {t("internal")}
            </label>
          ) : null}
          <label className={styles.check} title={t("urgentHint")}>
            <input type="checkbox" checked={urgent} onChange={(event) => setUrgent(event.target.checked)} />
            {t("urgent")}
          </label>
        </div>
        {body || drawing ? (
          <Button size="sm" variant="ghost" onClick={reset}>
            {t("cancel")}
          </Button>
        ) : null}
        <Button size="sm" variant="primary" type="submit" disabled={tooLong}>
          {t("submit")}
        </Button>
      </div>
      <p className={styles.hint}>{t("hint")}</p>
    </form>
  );
}

"use client";

import { useState, type FormEvent } from "react";

import { BodyCounter, isFeedbackBodyTooLong } from "@/entities/feedback";
import { useAddGuestCommentMutation, type GuestFeedback } from "@/features/review/share-link";
import { toAnnotation, type Drawing } from "@/widgets/annotation-canvas";
import { asApiError } from "@/shared/api";
import { useTranslations } from "@/shared/i18n";
import { useApiErrorText } from "@/shared/lib/errors";
import { frameToSmpte } from "@/shared/lib/timecode";
import { Button, FormAlert, TextField } from "@/shared/ui";

import styles from "./share-review-page.module.css";

/** The guest's name, remembered (their watching is reported under it too). */
export const GUEST_NAME_KEY = "vp.guestName";

export interface GuestCommentFormProps {
  token: string;
  password: string;
  /** The frame at the playhead, where the comment goes. */
  frame: number;
  fps: number;
  drawing: Drawing;
  /** Stops playback while the guest writes or draws. */
  onPause: () => void;
  /** The comment was saved (it is in the list by now). */
  onPosted?: (item: GuestFeedback) => void;
}

/** A comment link's form: the guest's name (remembered), the text and an optional drawing. */
export function GuestCommentForm({ token, password, frame, fps, drawing, onPause, onPosted }: GuestCommentFormProps) {
  const t = useTranslations("reviewGuest");
  const errorText = useApiErrorText();
  const [addComment, adding] = useAddGuestCommentMutation();
  const [name, setName] = useState(() => (typeof window === "undefined" ? "" : (window.localStorage.getItem(GUEST_NAME_KEY) ?? "")));
  const [body, setBody] = useState("");
  const [formError, setFormError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    if (!name.trim() || !body.trim()) {
      setFormError(t("nameAndBody"));
      return;
    }
    if (isFeedbackBodyTooLong(body)) return; // the counter says why; nothing is ever cut
    window.localStorage.setItem(GUEST_NAME_KEY, name.trim());
    try {
      const posted = await addComment({
        token,
        password,
        body: { guest_name: name.trim(), body: body.trim(), frame, annotation: toAnnotation(drawing.shapes) },
      }).unwrap();
      setBody("");
      drawing.discard();
      onPosted?.(posted);
    } catch (caught) {
      setFormError(errorText(asApiError(caught)));
    }
  };

  return (
    <form className={styles.form} onSubmit={submit} aria-label={t("formLabel")}>
      <p className={styles.muted}>
        {t("commentAt")} <span className={styles.timecodeText}>{frameToSmpte(frame, fps)}</span>
      </p>
      <TextField label={t("name")} value={name} onChange={(event) => setName(event.target.value)} maxLength={80} autoComplete="name" />
      <label className={styles.label} htmlFor="guest-body">
        {t("comment")}
      </label>
      <textarea
        id="guest-body"
        className={styles.textarea}
        rows={3}
        aria-invalid={isFeedbackBodyTooLong(body) ? true : undefined}
        aria-describedby="guest-body-counter"
        value={body}
        onChange={(event) => setBody(event.target.value)}
        onFocus={onPause}
        placeholder={t("placeholder")}
      />
      <BodyCounter text={body} id="guest-body-counter" />
      {formError ? <FormAlert tone="error">{formError}</FormAlert> : null}
      <Button
        variant={drawing.active ? "primary" : "ghost"}
        size="sm"
        aria-pressed={drawing.active}
        onClick={() => {
          onPause();
          drawing.toggle();
        }}
      >
        {drawing.shapes.length > 0 ? t("drawn", { count: drawing.shapes.length }) : t("draw")}
      </Button>
      <Button type="submit" variant="primary" loading={adding.isLoading} disabled={isFeedbackBodyTooLong(body)}>
        {t("send")}
      </Button>
    </form>
  );
}

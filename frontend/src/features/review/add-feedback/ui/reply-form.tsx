"use client";

import { useId, useState, type FormEvent } from "react";

import type { ReviewUser } from "@/entities/asset";
import type { Member } from "@/entities/project";
import { BodyCounter, isFeedbackBodyTooLong, type Feedback } from "@/entities/feedback";
import { asApiError } from "@/shared/api";
import { useTranslations } from "@/shared/i18n";
import { useApiErrorText } from "@/shared/lib/errors";
import { Button, useToast } from "@/shared/ui";

import { useAddFeedbackMutation } from "../api/add-feedback-api";
import { mentionableMembers, mentionedIds } from "../model/mentions";
import styles from "./composer.module.css";
import { MentionInput } from "./mention-input";

export interface ReplyFormProps {
  versionId: string;
  parent: Feedback;
  members: readonly Member[];
  me: ReviewUser;
  onDone: () => void;
}

/** A reply (one level) to a comment, shown optimistically. */
export function ReplyForm({ versionId, parent, members, me, onDone }: ReplyFormProps) {
  const t = useTranslations("reviewComposer");
  const errorText = useApiErrorText();
  const toast = useToast();
  const [addFeedback] = useAddFeedbackMutation();
  const [body, setBody] = useState("");
  const counterId = useId();
  const tooLong = isFeedbackBodyTooLong(body);
  const mentionable = mentionableMembers(members, parent.internal); // a reply is internal when its comment is

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    const text = body.trim();
    if (!text || isFeedbackBodyTooLong(text)) return;
    setBody("");
    onDone();
    try {
      await addFeedback({
        versionId,
        body: { body: text, parent_id: parent.id, mention_ids: mentionedIds(text, mentionable) },
        optimistic: { author: me, fps: parent.fps, parentFrame: parent.frame },
      }).unwrap();
    } catch (caught) {
      toast.show({ tone: "error", message: t("failed", { reason: errorText(asApiError(caught)) }) });
    }
  };

  return (
    <form className={styles.reply} onSubmit={submit}>
      <MentionInput
        value={body}
        onValueChange={setBody}
        members={mentionable}
        onSubmitShortcut={() => void submit()}
        aria-label={t("replyLabel")}
        placeholder={t("replyPlaceholder")}
        rows={2}
        aria-invalid={tooLong ? true : undefined}
        aria-describedby={counterId}
        autoFocus
        onKeyDown={(event) => {
          if (event.key === "Escape") onDone();
        }}
      />
      <div className={styles.actions}>
        <BodyCounter text={body} id={counterId} />
        <span className={styles.spacer} />
        <Button size="sm" variant="ghost" onClick={onDone}>
          {t("cancel")}
        </Button>
        <Button size="sm" variant="primary" type="submit" disabled={!body.trim() || tooLong}>
          {t("reply")}
        </Button>
      </div>
    </form>
  );
}

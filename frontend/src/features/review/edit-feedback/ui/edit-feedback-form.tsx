"use client";

import { useState, type FormEvent, type ReactNode } from "react";

import type { Feedback } from "@/entities/feedback";
import { asApiError } from "@/shared/api";
import { useTranslations } from "@/shared/i18n";
import { useApiErrorText } from "@/shared/lib/errors";
import { Button, ConfirmDialog, useToast } from "@/shared/ui";

import { useDeleteFeedbackMutation, useEditFeedbackMutation } from "../api/edit-api";
import styles from "./edit-feedback.module.css";

export interface EditFeedbackFormProps {
  versionId: string;
  feedback: Feedback;
  onDone: () => void;
  /** The text input (the panel passes its @mention input); receives value and setter. */
  renderInput: (value: string, onChange: (value: string) => void, submit: () => void) => ReactNode;
  mentionIds: (text: string) => string[];
}

/** The author edits their comment's text. */
export function EditFeedbackForm({ versionId, feedback, onDone, renderInput, mentionIds }: EditFeedbackFormProps) {
  const t = useTranslations("reviewFeedback");
  const errorText = useApiErrorText();
  const [edit, { isLoading }] = useEditFeedbackMutation();
  const [body, setBody] = useState(feedback.body);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    const text = body.trim();
    if (!text) return;
    try {
      await edit({ versionId, feedbackId: feedback.id, body: { body: text, mention_ids: mentionIds(text) } }).unwrap();
      onDone();
    } catch (caught) {
      setError(errorText(asApiError(caught)));
    }
  };

  return (
    <form className={styles.form} onSubmit={submit}>
      {renderInput(body, setBody, () => void submit())}
      {error ? (
        <p role="alert" className={styles.error}>
          {error}
        </p>
      ) : null}
      <div className={styles.actions}>
        <Button size="sm" variant="ghost" onClick={onDone}>
          {t("cancel")}
        </Button>
        <Button size="sm" variant="primary" type="submit" loading={isLoading} disabled={!body.trim()}>
          {t("save")}
        </Button>
      </div>
    </form>
  );
}

/** Soft-delete a comment (author, or a manager), after a confirmation. */
export function DeleteFeedbackButton({ versionId, feedback }: { versionId: string; feedback: Feedback }) {
  const t = useTranslations("reviewFeedback");
  const tc = useTranslations("common");
  const errorText = useApiErrorText();
  const toast = useToast();
  const [remove, { isLoading }] = useDeleteFeedbackMutation();
  const [asking, setAsking] = useState(false);

  const run = async () => {
    try {
      await remove({ versionId, feedbackId: feedback.id, parentId: feedback.parent_id }).unwrap();
    } catch (caught) {
      toast.show({ tone: "error", message: t("deleteFailed", { reason: errorText(asApiError(caught)) }) });
    } finally {
      setAsking(false);
    }
  };

  return (
    <>
      <button type="button" className={styles.textButton} onClick={() => setAsking(true)}>
        {t("delete")}
      </button>
      <ConfirmDialog
        open={asking}
        title={t("deleteConfirm")}
        body={feedback.parent_id ? undefined : t("deleteBody")}
        confirmLabel={t("delete")}
        cancelLabel={t("cancel")}
        closeLabel={tc("close")}
        busy={isLoading}
        onConfirm={() => void run()}
        onCancel={() => setAsking(false)}
      />
    </>
  );
}

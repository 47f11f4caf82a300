"use client";

import { useTranslations } from "@/shared/i18n";
import { cx } from "@/shared/ui";

import { FEEDBACK_BODY_MAX_LENGTH, feedbackBodyLength } from "../model/body-limit";
import styles from "./body-counter.module.css";

export interface BodyCounterProps {
  text: string;
  /** Referenced by the text field's `aria-describedby`. */
  id?: string;
}

/**
 * How many characters a comment has of the most the server takes. Over the limit it turns
 * red and says so (announced once, politely); the form blocks sending — nothing is cut.
 */
export function BodyCounter({ text, id }: BodyCounterProps) {
  const t = useTranslations("feedbackBody");
  const count = feedbackBodyLength(text);
  const over = count - FEEDBACK_BODY_MAX_LENGTH;
  return (
    <span id={id} className={cx(styles.counter, over > 0 && styles.over)} data-testid="body-counter">
      <span aria-hidden={over > 0 ? true : undefined}>{t("counter", { count, limit: FEEDBACK_BODY_MAX_LENGTH })}</span>
      <span role="status" aria-live="polite" className={over > 0 ? styles.message : styles.hidden}>
        {over > 0 ? t("tooLong", { limit: FEEDBACK_BODY_MAX_LENGTH, over }) : ""}
      </span>
    </span>
  );
}

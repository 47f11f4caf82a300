import { FEEDBACK_BODY_MAX_LENGTH } from "@/shared/api";

export { FEEDBACK_BODY_MAX_LENGTH };

/**
 * A comment's length as the server counts it: characters (code points) of the trimmed text,
 * so an emoji counts once, not as two UTF-16 units.
 */
export function feedbackBodyLength(text: string): number {
  return Array.from(text.trim()).length;
}

/** Whether the server would refuse this text as too long (it never cuts it). */
export function isFeedbackBodyTooLong(text: string): boolean {
  return feedbackBodyLength(text) > FEEDBACK_BODY_MAX_LENGTH;
}

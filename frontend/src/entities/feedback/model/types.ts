import type { Refine, Schemas } from "@/shared/api";

import type { Annotation } from "./annotation";

/** A person as the API shows them (`UserBriefOut`). */
export type FeedbackUser = Schemas["UserBriefOut"];

export interface ReactionSummary {
  emoji: string;
  count: number;
  user_ids: string[];
}

export type TriageCategory = Schemas["CategoryEnum"];
export type TriagePriority = Schemas["TriageOutPriorityEnum"];

/** What AI triage says about a comment (absent until triaged). */
export interface FeedbackTriage {
  category: TriageCategory | string;
  priority: TriagePriority | string;
  actionable: boolean;
}

/**
 * A comment as members see it (`FeedbackOut`). `pending` is client-only: an optimistic
 * comment the server has not confirmed yet.
 */
export type Feedback = Refine<
  Schemas["FeedbackOut"],
  { annotation: Annotation | null; replies: Feedback[]; triage?: FeedbackTriage | null; pending?: boolean }
>;

export interface FeedbackInput {
  body: string;
  frame?: number;
  end_frame?: number | null;
  annotation?: Annotation | null;
  parent_id?: string | null;
  internal?: boolean;
  /** Triage this comment by AI at once rather than with the next batch. */
  urgent?: boolean;
  mention_ids?: string[];
}

/** The list filters of the review panel (applied client-side on the live list). */
export interface FeedbackFilter {
  resolved: "all" | "open" | "resolved";
  author: string | null;
  internal: "all" | "internal" | "public";
  annotated: boolean;
  /** A shot of the linked plan (`shot.shot_id`), or null for every comment. */
  shot: string | null;
}

export const DEFAULT_FEEDBACK_FILTER: FeedbackFilter = {
  resolved: "all",
  author: null,
  internal: "all",
  annotated: false,
  shot: null,
};

/** FEEDBACK_REACTIONS of the backend (one per user per emoji). */
export const REACTIONS = ["👍", "👎", "❤️", "🎉", "😂", "😮", "🤔", "👀", "✅", "🔥"] as const;

export function isFeedback(value: unknown): value is Feedback {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as Feedback).id === "string" &&
    typeof (value as Feedback).frame === "number" &&
    Array.isArray((value as Feedback).replies ?? [])
  );
}

export function authorName(feedback: Pick<Feedback, "author" | "guest_name">): string {
  return feedback.author?.display_name || feedback.guest_name || "?";
}

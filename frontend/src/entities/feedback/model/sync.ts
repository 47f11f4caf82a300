import type { Feedback, FeedbackFilter } from "./types";

/** What playhead sync needs of a comment (members' and guests' shapes both fit). */
export interface TimedItem {
  id: string;
  frame: number;
  end_frame: number | null;
  deleted: boolean;
}

/**
 * Comments "at" the playhead: those whose range holds the current frame,
 * and point comments for `holdFrames` after their frame (so the note and its
 * drawing stay up long enough to read while playing).
 */
export function feedbackAtFrame<T extends TimedItem>(items: readonly T[], frame: number, holdFrames: number): T[] {
  return items.filter((item) => {
    if (item.deleted) return false;
    const end = item.end_frame ?? item.frame + holdFrames;
    return frame >= item.frame && frame <= end;
  });
}

/** The one comment to highlight and scroll to: the latest-starting one at the playhead. */
export function currentFeedbackId(items: readonly TimedItem[], frame: number, holdFrames: number): string | null {
  const here = feedbackAtFrame(items, frame, holdFrames);
  if (here.length === 0) return null;
  return here.reduce((best, item) => (item.frame >= best.frame ? item : best)).id;
}

/** Apply the panel's filters to the live list. */
export function filterFeedback(items: readonly Feedback[], filter: FeedbackFilter): Feedback[] {
  return items.filter((item) => {
    if (filter.resolved === "open" && item.resolved) return false;
    if (filter.resolved === "resolved" && !item.resolved) return false;
    if (filter.internal === "internal" && !item.internal) return false;
    if (filter.internal === "public" && item.internal) return false;
    if (filter.annotated && !item.annotation) return false;
    if (filter.author && item.author?.id !== filter.author) return false;
    if (filter.shot && item.shot?.shot_id !== filter.shot) return false;
    return true;
  });
}

/** Distinct authors of the list, for the author filter. */
export function feedbackAuthors(items: readonly Feedback[]): Array<{ id: string; name: string }> {
  const seen = new Map<string, string>();
  for (const item of items) {
    if (item.author && !seen.has(item.author.id)) seen.set(item.author.id, item.author.display_name);
  }
  return [...seen].map(([id, name]) => ({ id, name }));
}

/** Distinct shots the comments are in, by number, for the shot filter. */
export function feedbackShots(items: readonly Feedback[]): Array<{ shot_id: string; number: number }> {
  const seen = new Map<string, number>();
  for (const item of items) {
    if (item.shot && !seen.has(item.shot.shot_id)) seen.set(item.shot.shot_id, item.shot.number);
  }
  return [...seen].map(([shot_id, number]) => ({ shot_id, number })).sort((a, b) => a.number - b.number);
}

import { dropFromList, setReactionsInList, upsertInList, type CommentList } from "@/entities/feedback";

import type { GuestFeedback } from "../api/guest-api";

/*
 * The share page's comments as the guest's socket changes them (`/ws/share/`): the server
 * sends each comment in the page's own shape, so an event is an upsert or a removal on the
 * cached list — the members' list operations, so a change to a comment whose page has not
 * arrived yet waits for it and is replayed then. Runs on RTK Query drafts.
 */

interface GuestEventData {
  feedback?: GuestFeedback | { id: string; parent_id: string | null };
  feedback_id?: string;
  reactions?: GuestFeedback["reactions"];
}

/** One event of the guest's socket applied to the cached list. */
export function applyGuestEvent(list: CommentList<GuestFeedback>, type: string, data: unknown): void {
  const payload = (data ?? {}) as GuestEventData;
  if (type === "reaction.added" || type === "reaction.removed") {
    const { feedback_id: id, reactions } = payload;
    if (typeof id === "string" && Array.isArray(reactions)) setReactionsInList(list, id, reactions);
    return;
  }
  const feedback = payload.feedback;
  if (!feedback || typeof feedback.id !== "string") return;
  if (type === "feedback.hidden") return dropFromList(list, feedback.id, feedback.parent_id ?? null);
  const item = feedback as GuestFeedback;
  // Gone from the page as the server lists it: a deleted comment without replies (a deleted
  // one with replies comes as its placeholder), or a comment carried over from an earlier
  // version once it is resolved there.
  const gone = (type === "feedback.deleted" && item.replies.length === 0) || (item.carried_over && item.resolved);
  if (gone) dropFromList(list, item.id, item.parent_id);
  else upsertInList(list, item);
}

import type { GuestFeedback, SharePage } from "../api/guest-api";

/*
 * The share page's comments as the guest's socket changes them (`/ws/share/`): the server
 * sends each comment in the page's own shape, so an event is an upsert or a removal on the
 * cached page. Runs on RTK Query drafts.
 */

const byTimeline = (a: GuestFeedback, b: GuestFeedback) =>
  a.frame / a.fps - b.frame / b.fps || a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id);
const byCreation = (a: GuestFeedback, b: GuestFeedback) => a.created_at.localeCompare(b.created_at);

function remove(page: SharePage, id: string, parentId: string | null): void {
  if (parentId) {
    const parent = page.feedback.find((item) => item.id === parentId);
    if (parent) parent.replies = parent.replies.filter((reply) => reply.id !== id);
    return;
  }
  page.feedback = page.feedback.filter((item) => item.id !== id);
}

/** Insert or replace a comment (or a reply) by id; the list stays in timeline order. */
export function upsertGuestComment(page: SharePage, item: GuestFeedback): void {
  if (item.parent_id) {
    const parent = page.feedback.find((candidate) => candidate.id === item.parent_id);
    if (parent) parent.replies = [...parent.replies.filter((reply) => reply.id !== item.id), item].sort(byCreation);
    return;
  }
  const replies = item.replies ?? page.feedback.find((candidate) => candidate.id === item.id)?.replies ?? [];
  page.feedback = [...page.feedback.filter((candidate) => candidate.id !== item.id), { ...item, replies }].sort(byTimeline);
}

interface GuestEventData {
  feedback?: GuestFeedback | { id: string; parent_id: string | null };
  feedback_id?: string;
  parent_id?: string | null;
  reactions?: GuestFeedback["reactions"];
}

/** One event of the guest's socket applied to the cached page. */
export function applyGuestEvent(page: SharePage, type: string, data: unknown): void {
  const payload = (data ?? {}) as GuestEventData;
  if (type === "reaction.added" || type === "reaction.removed") {
    const { feedback_id: id, parent_id: parentId = null, reactions } = payload;
    const top = page.feedback.find((item) => item.id === (parentId ?? id));
    const target = parentId ? top?.replies.find((reply) => reply.id === id) : top;
    if (target && reactions) target.reactions = reactions;
    return;
  }
  const feedback = payload.feedback;
  if (!feedback || typeof feedback.id !== "string") return;
  if (type === "feedback.hidden") return remove(page, feedback.id, feedback.parent_id ?? null);
  const item = feedback as GuestFeedback;
  // Gone from the page as the server lists it: a deleted comment without replies, or a
  // comment carried over from an earlier version once it is resolved there.
  const gone = (type === "feedback.deleted" && item.replies.length === 0) || (item.carried_over && item.resolved);
  if (gone) remove(page, item.id, item.parent_id);
  else upsertGuestComment(page, item);
}

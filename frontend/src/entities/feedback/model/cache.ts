import type { Feedback, ReactionSummary } from "./types";

/*
 * Pure operations on a version's feedback list (top-level comments in
 * timecode order, each with its replies). Used on RTK Query drafts by the
 * realtime listener and the optimistic mutations, so they mutate in place.
 */

function byTimeline(a: Feedback, b: Feedback): number {
  return a.frame / a.fps - b.frame / b.fps || a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id);
}

/** Insert or replace a comment (or reply) by id; order is kept. */
export function upsertInList(list: Feedback[], item: Feedback): void {
  if (item.parent_id) {
    const parent = list.find((entry) => entry.id === item.parent_id);
    if (!parent) return;
    const index = parent.replies.findIndex((reply) => reply.id === item.id);
    if (index >= 0) parent.replies[index] = item;
    else parent.replies.push(item);
    parent.replies.sort((a, b) => a.created_at.localeCompare(b.created_at));
    return;
  }
  const index = list.findIndex((entry) => entry.id === item.id);
  if (index >= 0) {
    // Events carry replies too, but keep ours if the event's are older than what we hold.
    list[index] = { ...item, replies: item.replies ?? list[index]?.replies ?? [] };
  } else {
    list.push({ ...item, replies: item.replies ?? [] });
  }
  list.sort(byTimeline);
}

/** Drop a comment or reply; a deleted comment that still has replies stays as a placeholder. */
export function removeFromList(list: Feedback[], id: string, parentId: string | null): void {
  if (parentId) {
    const parent = list.find((entry) => entry.id === parentId);
    if (parent) parent.replies = parent.replies.filter((reply) => reply.id !== id);
    return;
  }
  const index = list.findIndex((entry) => entry.id === id);
  if (index < 0) return;
  const item = list[index];
  if (item && item.replies.length > 0) {
    list[index] = { ...item, deleted: true, body: "", annotation: null };
  } else {
    list.splice(index, 1);
  }
}

/** Drop a comment with its replies, leaving no placeholder (it was made internal: the reader may not see it). */
export function dropFromList(list: Feedback[], id: string, parentId: string | null): void {
  if (parentId) {
    const parent = list.find((entry) => entry.id === parentId);
    if (parent) parent.replies = parent.replies.filter((reply) => reply.id !== id);
    return;
  }
  const index = list.findIndex((entry) => entry.id === id);
  if (index >= 0) list.splice(index, 1);
}

/** Find a comment or a reply by id. */
export function findInList(list: Feedback[], id: string): Feedback | undefined {
  for (const item of list) {
    if (item.id === id) return item;
    const reply = item.replies.find((entry) => entry.id === id);
    if (reply) return reply;
  }
  return undefined;
}

export function patchInList(list: Feedback[], id: string, patch: Partial<Feedback>): void {
  const item = findInList(list, id);
  if (item) Object.assign(item, patch);
}

export function setReactionsInList(list: Feedback[], id: string, reactions: ReactionSummary[]): void {
  patchInList(list, id, { reactions });
}

/** A reaction toggled by `userId` (for optimistic updates). */
export function toggleReaction(reactions: ReactionSummary[], emoji: string, userId: string, on: boolean): ReactionSummary[] {
  const existing = reactions.find((reaction) => reaction.emoji === emoji);
  if (on) {
    if (existing?.user_ids.includes(userId)) return reactions;
    if (existing) {
      return reactions.map((reaction) =>
        reaction.emoji === emoji
          ? { ...reaction, count: reaction.count + 1, user_ids: [...reaction.user_ids, userId] }
          : reaction,
      );
    }
    return [...reactions, { emoji, count: 1, user_ids: [userId] }];
  }
  if (!existing?.user_ids.includes(userId)) return reactions;
  return reactions
    .map((reaction) =>
      reaction.emoji === emoji
        ? { ...reaction, count: reaction.count - 1, user_ids: reaction.user_ids.filter((id) => id !== userId) }
        : reaction,
    )
    .filter((reaction) => reaction.count > 0);
}

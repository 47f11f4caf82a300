import { createEntityAdapter, type EntityState } from "@reduxjs/toolkit";

import type { Annotation } from "./annotation";
import type { Feedback, ReactionSummary } from "./types";

/*
 * A version's comments as a review page caches them: top-level comments normalised by id
 * and kept in timeline order, each with its replies. The first page arrives with the page;
 * later pages load in the background (`next`). The operations below run on RTK Query drafts
 * (realtime listener, optimistic mutations), so they mutate in place and touch only the
 * comments they change: rows of the others keep their identity and do not re-render.
 * Members' comments (`Feedback`) and a share link's guest view of them use the same list.
 */

/** What the list needs of a comment: the members' shape and the guests' both fit. */
export interface ListedComment<Self> {
  id: string;
  parent_id: string | null;
  frame: number;
  fps: number;
  created_at: string;
  body: string;
  annotation: Annotation | null;
  deleted: boolean;
  reactions: unknown[];
  replies: Self[];
}

/** A change to a comment whose page has not arrived yet, replayed when it does. */
export type DeferredChange<T extends ListedComment<T>> =
  | { kind: "upsert"; item: T }
  | { kind: "remove"; id: string; parentId: string | null }
  | { kind: "drop"; id: string; parentId: string | null }
  | { kind: "reactions"; id: string; reactions: T["reactions"] };

export interface CommentList<T extends ListedComment<T>> extends EntityState<T, string> {
  /** The next page still to load in the background (API path), null once every page is in. */
  next: string | null;
  /** The background load gave up after retries; `next` is where it stopped. */
  loadFailed: boolean;
  /** Changes to comments not loaded yet (while `next` is set). */
  deferred: DeferredChange<T>[];
}

/** A version's list as members see it. */
export type FeedbackList = CommentList<Feedback>;

type AnyComment = ListedComment<AnyComment>;

function byTimeline(a: AnyComment, b: AnyComment): number {
  return a.frame / a.fps - b.frame / b.fps || a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id);
}

/** The adapter's operations this module uses, on a list of `T`. */
interface CommentAdapter<T> {
  setAll(state: EntityState<T, string>, items: readonly T[]): EntityState<T, string>;
  setOne(state: EntityState<T, string>, item: T): void;
  addMany(state: EntityState<T, string>, items: readonly T[]): void;
  removeOne(state: EntityState<T, string>, id: string): void;
}

/*
 * One adapter (and one memoised selector) for every comment shape: it reads only what
 * `ListedComment` has, so it serves a list of any `T` as it is.
 */
const anyAdapter = createEntityAdapter<AnyComment, string>({ selectId: (item) => item.id, sortComparer: byTimeline });
const { selectAll } = anyAdapter.getSelectors();
const adapter = <T extends ListedComment<T>>() => anyAdapter as unknown as CommentAdapter<T>;
const NONE: never[] = [];

const withReplies = <T extends ListedComment<T>>(item: T): T => (item.replies ? item : { ...item, replies: [] });

/** A list from its first page. */
export function commentListFrom<T extends ListedComment<T>>(items: readonly T[], next: string | null): CommentList<T> {
  return { ...adapter<T>().setAll({ ids: [], entities: {} }, items.map(withReplies)), next, loadFailed: false, deferred: [] };
}

/** A members' list from its first page. */
export const feedbackListFrom: (items: readonly Feedback[], next: string | null) => FeedbackList = commentListFrom;

/** The list's comments in timeline order (memoised per list: the same array until it changes). */
export function feedbackItems<T extends ListedComment<T>>(list: CommentList<T> | undefined): T[] {
  return list ? (selectAll(list as unknown as EntityState<AnyComment, string>) as unknown as T[]) : NONE;
}

/** Still loading later pages in the background. */
export function isLoadingMore(list: Pick<CommentList<AnyComment>, "next" | "loadFailed"> | undefined): boolean {
  return Boolean(list && list.next !== null && !list.loadFailed);
}

/** Not there yet, but its page may still come: keep the change for then. */
function deferred<T extends ListedComment<T>>(list: CommentList<T>, change: DeferredChange<T>): void {
  if (list.next !== null) list.deferred.push(change);
}

const byCreation = (a: AnyComment, b: AnyComment) => a.created_at.localeCompare(b.created_at);

/*
 * Entities are replaced, never changed in place: a comment added from a page in the same
 * update is the page's own (frozen) object, not a draft.
 */
function setReplies<T extends ListedComment<T>>(list: CommentList<T>, parent: T, replies: T[]): void {
  list.entities[parent.id] = { ...parent, replies };
}

/** Insert or replace a comment (or reply) by id; order is kept. */
export function upsertInList<T extends ListedComment<T>>(list: CommentList<T>, item: NoInfer<T>): void {
  if (item.parent_id) {
    const parent = list.entities[item.parent_id];
    if (!parent) return deferred(list, { kind: "upsert", item });
    setReplies(list, parent, [...parent.replies.filter((reply) => reply.id !== item.id), item].sort(byCreation));
    return;
  }
  // Events carry replies too, but keep ours if the event's are absent.
  const replies = item.replies ?? list.entities[item.id]?.replies ?? [];
  adapter<T>().setOne(list, { ...item, replies });
}

/** Drop a comment or reply; a deleted comment that still has replies stays as a placeholder. */
export function removeFromList<T extends ListedComment<T>>(list: CommentList<T>, id: string, parentId: string | null): void {
  if (parentId) {
    const parent = list.entities[parentId];
    if (!parent) return deferred(list, { kind: "remove", id, parentId });
    setReplies(list, parent, parent.replies.filter((reply) => reply.id !== id));
    return;
  }
  const item = list.entities[id];
  if (!item) return deferred(list, { kind: "remove", id, parentId });
  if (item.replies.length > 0) list.entities[id] = { ...item, deleted: true, body: "", annotation: null };
  else adapter<T>().removeOne(list, id);
}

/** Drop a comment with its replies, leaving no placeholder (it was made internal: the reader may not see it). */
export function dropFromList<T extends ListedComment<T>>(list: CommentList<T>, id: string, parentId: string | null): void {
  if (parentId) {
    const parent = list.entities[parentId];
    if (!parent) return deferred(list, { kind: "drop", id, parentId });
    setReplies(list, parent, parent.replies.filter((reply) => reply.id !== id));
    return;
  }
  if (!list.entities[id]) return deferred(list, { kind: "drop", id, parentId });
  adapter<T>().removeOne(list, id);
}

/** The comment holding `id` (itself, or the parent of the reply `id`). */
function holderOf<T extends ListedComment<T>>(list: CommentList<T>, id: string): T | undefined {
  const item = list.entities[id];
  if (item) return item;
  for (const parentId of list.ids) {
    const parent = list.entities[parentId];
    if (parent?.replies.some((reply) => reply.id === id)) return parent;
  }
  return undefined;
}

/** Find a comment or a reply by id. */
export function findInList<T extends ListedComment<T>>(list: CommentList<T>, id: string): T | undefined {
  const holder = holderOf(list, id);
  return holder?.id === id ? holder : holder?.replies.find((reply) => reply.id === id);
}

export function patchInList<T extends ListedComment<T>>(list: CommentList<T>, id: string, patch: Partial<NoInfer<T>>): void {
  const holder = holderOf(list, id);
  if (!holder) return;
  if (holder.id === id) list.entities[id] = { ...holder, ...patch };
  else setReplies(list, holder, holder.replies.map((reply) => (reply.id === id ? { ...reply, ...patch } : reply)));
}

export function setReactionsInList<T extends ListedComment<T>>(list: CommentList<T>, id: string, reactions: NoInfer<T>["reactions"]): void {
  if (holderOf(list, id)) patchInList(list, id, { reactions } as Partial<T>);
  else deferred(list, { kind: "reactions", id, reactions });
}

function replay<T extends ListedComment<T>>(list: CommentList<T>, change: DeferredChange<T>): void {
  switch (change.kind) {
    case "upsert":
      return upsertInList(list, change.item);
    case "remove":
      return removeFromList(list, change.id, change.parentId);
    case "drop":
      return dropFromList(list, change.id, change.parentId);
    case "reactions":
      return setReactionsInList(list, change.id, change.reactions);
  }
}

/**
 * A later page: comments we do not hold yet are added (what we hold came from an earlier
 * page or a live event and is at least as new), then the changes that waited for them apply.
 */
export function mergeFeedbackPage<T extends ListedComment<T>>(list: CommentList<T>, items: readonly NoInfer<T>[], next: string | null): void {
  const fresh = items.filter((item) => list.entities[item.id] === undefined).map(withReplies);
  if (fresh.length > 0) adapter<T>().addMany(list, fresh);
  list.next = next;
  const waiting = list.deferred;
  list.deferred = [];
  // Still missing after this page: kept (re-deferred) while pages remain, dropped at the end.
  for (const change of waiting) replay(list, change);
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

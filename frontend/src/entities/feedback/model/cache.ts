import { createEntityAdapter, type EntityState } from "@reduxjs/toolkit";

import type { Annotation } from "./annotation";
import type { Feedback, ReactionSummary } from "./types";

/*
 * A version's comments as a review page caches them: top-level comments normalised by id
 * and kept in timeline order, each with its replies. The first page arrives with the page;
 * later pages load in the background (`next`). A refetch (the socket's first contact, a
 * resync, "try again") rereads the list from its first page into the list on screen instead
 * of starting it over (`beginReread`). The operations below run on RTK Query drafts
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
  /** Shown while it is being sent (an optimistic copy): no page lists it, so a reread keeps it. */
  pending?: boolean;
}

/** A change to a comment, kept until a page lists that comment and replayed over the page's copy. */
export type DeferredChange<T extends ListedComment<T>> =
  | { kind: "upsert"; item: T }
  | { kind: "remove"; id: string; parentId: string | null }
  | { kind: "drop"; id: string; parentId: string | null }
  | { kind: "reactions"; id: string; reactions: T["reactions"] };

/** The list read again from its first page while it stays on screen (see `beginReread`). */
export interface Reread {
  /** Every page was in when it began: the list is only brought up to date, nothing is "loading more". */
  complete: boolean;
  /** Top-level comments its pages have listed so far; at its end, the others held are gone from the server. */
  listed: Record<string, true>;
}

export interface CommentList<T extends ListedComment<T>> extends EntityState<T, string> {
  /** The next page the background load reads (API path; of a reread while one runs), null once every page is in. */
  next: string | null;
  /** The background load gave up after retries; `next` is where it stopped. */
  loadFailed: boolean;
  /**
   * Changes waiting for a page that lists their comment: changes to comments not loaded yet
   * (while `next` is set) and, during a reread, every change to a comment its pages have not
   * listed yet (that page may have been read before the change and arrive after it).
   */
  deferred: DeferredChange<T>[];
  /** Bumped by each reread: a background load begun before it stops (the reread's own load goes on). */
  pass: number;
  reread: Reread | null;
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
  setMany(state: EntityState<T, string>, items: readonly T[]): void;
  addMany(state: EntityState<T, string>, items: readonly T[]): void;
  removeOne(state: EntityState<T, string>, id: string): void;
  removeMany(state: EntityState<T, string>, ids: readonly string[]): void;
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
  return { ...adapter<T>().setAll({ ids: [], entities: {} }, items.map(withReplies)), next, loadFailed: false, deferred: [], pass: 0, reread: null };
}

/** A members' list from its first page. */
export const feedbackListFrom: (items: readonly Feedback[], next: string | null) => FeedbackList = commentListFrom;

/** The list's comments in timeline order (memoised per list: the same array until it changes). */
export function feedbackItems<T extends ListedComment<T>>(list: CommentList<T> | undefined): T[] {
  return list ? (selectAll(list as unknown as EntityState<AnyComment, string>) as unknown as T[]) : NONE;
}

/** Still loading later pages in the background (not while a reread only brings a complete list up to date). */
export function isLoadingMore(list: Pick<CommentList<AnyComment>, "next" | "loadFailed" | "reread"> | undefined): boolean {
  return Boolean(list && list.next !== null && !list.loadFailed && !list.reread?.complete);
}

/**
 * Keep `change` to the comment `topId` (a top-level id; null: not known here) for the page that
 * lists it: while loading, if the comment is not there yet (`held` false); during a reread, until
 * the reread's pages have listed it, whether it is held (and so changed at once) or not.
 */
function keepFor<T extends ListedComment<T>>(list: CommentList<T>, change: DeferredChange<T>, topId: string | null, held: boolean): void {
  if (list.reread) {
    if (topId === null || !list.reread.listed[topId]) list.deferred.push(change);
  } else if (!held && list.next !== null) {
    list.deferred.push(change);
  }
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
    keepFor(list, { kind: "upsert", item }, item.parent_id, Boolean(parent));
    if (parent) setReplies(list, parent, [...parent.replies.filter((reply) => reply.id !== item.id), item].sort(byCreation));
    return;
  }
  keepFor(list, { kind: "upsert", item }, item.id, true);
  // Events carry replies too, but keep ours if the event's are absent.
  const replies = item.replies ?? list.entities[item.id]?.replies ?? [];
  adapter<T>().setOne(list, { ...item, replies });
}

/** Drop a comment or reply; a deleted comment that still has replies stays as a placeholder. */
export function removeFromList<T extends ListedComment<T>>(list: CommentList<T>, id: string, parentId: string | null): void {
  const topId = parentId ?? id;
  const holder = list.entities[topId];
  keepFor(list, { kind: "remove", id, parentId }, topId, Boolean(holder));
  if (!holder) return;
  if (parentId) setReplies(list, holder, holder.replies.filter((reply) => reply.id !== id));
  else if (holder.replies.length > 0) list.entities[id] = { ...holder, deleted: true, body: "", annotation: null };
  else adapter<T>().removeOne(list, id);
}

/**
 * A comment sent from this page can come back by the room's event before its POST answers:
 * the server's copy then takes the place of the optimistic one (same author, thread, frame
 * and words) instead of showing beside it until the answer.
 */
export function dropPendingTwin(list: FeedbackList, item: Feedback): void {
  if (item.pending || !item.author) return;
  const siblings = item.parent_id ? (list.entities[item.parent_id]?.replies ?? []) : list.ids.map((id) => list.entities[id]!);
  const twin = siblings.find(
    (other) =>
      other.pending &&
      other.author?.id === item.author!.id &&
      other.parent_id === item.parent_id &&
      other.body.trim() === item.body.trim() && // the API trims what it stores
      (item.parent_id !== null || other.frame === item.frame),
  );
  if (twin) removeFromList(list, twin.id, twin.parent_id);
}

/** Drop a comment with its replies, leaving no placeholder (it was made internal: the reader may not see it). */
export function dropFromList<T extends ListedComment<T>>(list: CommentList<T>, id: string, parentId: string | null): void {
  const topId = parentId ?? id;
  const holder = list.entities[topId];
  keepFor(list, { kind: "drop", id, parentId }, topId, Boolean(holder));
  if (!holder) return;
  if (parentId) setReplies(list, holder, holder.replies.filter((reply) => reply.id !== id));
  else adapter<T>().removeOne(list, id);
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
  const holder = holderOf(list, id);
  keepFor(list, { kind: "reactions", id, reactions }, holder?.id ?? null, Boolean(holder));
  if (holder) patchInList(list, id, { reactions } as Partial<T>);
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

/** The top-level comment a change is about (a reaction's id may be a reply's: the comment holding it now). */
function changeTarget<T extends ListedComment<T>>(list: CommentList<T>, change: DeferredChange<T>): string {
  switch (change.kind) {
    case "upsert":
      return change.item.parent_id ?? change.item.id;
    case "remove":
    case "drop":
      return change.parentId ?? change.id;
    case "reactions":
      return holderOf(list, change.id)?.id ?? change.id;
  }
}

/** Plain data (API JSON) equal in value. */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a).filter((key) => (a as Record<string, unknown>)[key] !== undefined);
  const keysB = Object.keys(b).filter((key) => (b as Record<string, unknown>)[key] !== undefined);
  return keysA.length === keysB.length && keysA.every((key) => sameData((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/**
 * Start reading the list again from its first page while it stays as it is on screen: each page
 * of the reread replaces the comments it lists that changed (the others keep their objects),
 * adds those new to us, and its last page removes what no page listed (deleted, hidden or no
 * longer carried over meanwhile). A load begun before stops (`pass`); live changes go on
 * applying, and those to comments not listed yet are kept and replayed over their page's copy.
 * Changes kept from before are dropped: every page of the reread is read after them.
 */
export function beginReread<T extends ListedComment<T>>(list: CommentList<T>): void {
  list.pass += 1;
  // A reread started over keeps what the list was when the first began.
  list.reread = { complete: list.reread ? list.reread.complete : list.next === null, listed: {} };
  list.deferred = [];
  list.loadFailed = false;
}

/** One page of a reread (see `beginReread`). */
function mergeRereadPage<T extends ListedComment<T>>(list: CommentList<T>, reread: Reread, items: readonly T[], next: string | null): void {
  const added: T[] = [];
  const changed: T[] = [];
  const onPage = new Set<string>();
  for (const item of items.map(withReplies)) {
    reread.listed[item.id] = true;
    onPage.add(item.id);
    const held = list.entities[item.id];
    if (held === undefined) added.push(item);
    else if (!sameData(held, item)) changed.push(item);
  }
  if (changed.length > 0) adapter<T>().setMany(list, changed);
  if (added.length > 0) adapter<T>().addMany(list, added);
  list.next = next;
  // Changes since the reread began to comments of this page apply over its copy (they may be
  // newer), in the order they came (a reply, then a reaction to it).
  const waiting = list.deferred;
  list.deferred = [];
  for (const change of waiting) {
    if (onPage.has(changeTarget(list, change))) replay(list, change);
    else list.deferred.push(change);
  }
  if (next !== null) return;
  // Every page is in: what none listed is gone, unless it came live meanwhile (or is being sent).
  const live = new Set(list.deferred.flatMap((change) => (change.kind === "upsert" && !change.item.parent_id ? [change.item.id] : [])));
  const gone = list.ids.filter((id) => !reread.listed[id] && !live.has(id) && !list.entities[id]?.pending);
  if (gone.length > 0) adapter<T>().removeMany(list, gone);
  list.reread = null;
  list.deferred = [];
}

/**
 * A later page. While loading: comments we do not hold yet are added (what we hold came from an
 * earlier page or a live event and is at least as new), then the changes that waited for them
 * apply. During a reread: see `beginReread`.
 */
export function mergeFeedbackPage<T extends ListedComment<T>>(list: CommentList<T>, items: readonly NoInfer<T>[], next: string | null): void {
  if (list.reread) return mergeRereadPage(list, list.reread, items, next);
  const fresh = items.filter((item) => list.entities[item.id] === undefined).map(withReplies);
  if (fresh.length > 0) adapter<T>().addMany(list, fresh);
  list.next = next;
  const waiting = list.deferred;
  list.deferred = [];
  // Still missing after this page: kept (re-deferred) while pages remain, dropped at the end.
  for (const change of waiting) replay(list, change);
}

/**
 * A refetch's first page (RTK Query's `merge` of the new result into the cached list): read
 * into the list as a reread's first page, so the list stays on screen (see `beginReread`).
 */
export function mergeRefetchedList<T extends ListedComment<T>>(list: CommentList<T>, refetched: CommentList<NoInfer<T>>): void {
  if (!list.reread) beginReread(list);
  mergeFeedbackPage(
    list,
    refetched.ids.flatMap((id) => refetched.entities[id] ?? []),
    refetched.next,
  );
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

"use client";

import { defaultRangeExtractor, observeElementRect, useVirtualizer, type Range, type Virtualizer } from "@tanstack/react-virtual";
import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode, type RefObject } from "react";

import { cx } from "@/shared/lib/classnames";

import { VisuallyHidden } from "../visually-hidden";
import styles from "./virtual-list.module.css";

/** Up to this many items every row is rendered (find-in-page and Tab reach all of them). */
const RENDER_ALL_UP_TO = 60;
const OVERSCAN = 6;
/** A scroller that reports no height (not laid out: hidden, or a test DOM) is taken as this high. */
const UNMEASURED_VIEW_PX = 600;

type ListVirtualizer = Virtualizer<HTMLDivElement, HTMLLIElement>;

const observeView: typeof observeElementRect<HTMLDivElement> = (instance, onRect) =>
  observeElementRect(instance, (rect) => onRect(rect.height > 0 ? rect : { ...rect, height: UNMEASURED_VIEW_PX }));

const isTyping = (target: EventTarget) => target instanceof HTMLElement && Boolean(target.closest("input, textarea, select, [contenteditable='true']"));

/** Scroll `id`'s row into view once per id (later, if it is not in the list yet). */
function useScrollToRow(id: string | null, indexById: ReadonlyMap<string, number>, virtualizer: ListVirtualizer, align: "center" | "auto") {
  const done = useRef<string | null>(null);
  useEffect(() => {
    if (id === null) done.current = null;
    if (id === null || done.current === id) return;
    const index = indexById.get(id);
    if (index === undefined) return;
    done.current = id;
    virtualizer.scrollToIndex(index, { align });
  }, [align, id, indexById, virtualizer]);
}

/**
 * Keep the first row in view where it is when items are added or removed above it
 * (absolutely placed rows get no help from the browser's scroll anchoring).
 */
function useScrollAnchor(items: readonly unknown[], indexById: ReadonlyMap<string, number>, virtualizer: ListVirtualizer, scrollRef: RefObject<HTMLDivElement | null>) {
  const anchor = useRef<{ id: string; start: number } | null>(null);
  const remember = useCallback(() => {
    const top = scrollRef.current?.scrollTop ?? 0;
    const first = virtualizer.getVirtualItems().find((row) => row.end > top);
    anchor.current = first ? { id: String(first.key), start: first.start } : null;
  }, [scrollRef, virtualizer]);
  useEffect(() => {
    const scroller = scrollRef.current;
    scroller?.addEventListener("scroll", remember, { passive: true });
    return () => scroller?.removeEventListener("scroll", remember);
  }, [remember, scrollRef]);
  useLayoutEffect(() => {
    const scroller = scrollRef.current;
    const previous = anchor.current;
    const index = previous ? indexById.get(previous.id) : undefined;
    const start = index === undefined ? undefined : virtualizer.measurementsCache[index]?.start;
    if (scroller && previous && start !== undefined && start !== previous.start && scroller.scrollTop > 0) {
      virtualizer.scrollToOffset(scroller.scrollTop + start - previous.start);
    }
    remember();
  }, [items, indexById, remember, scrollRef, virtualizer]);
}

export interface VirtualListProps<T extends { id: string }> {
  items: readonly T[];
  /** The scrolling box, which holds only this list. */
  scrollRef: RefObject<HTMLDivElement | null>;
  /** Brought into view (at an edge) when it changes: the item at the playhead. */
  currentId: string | null;
  /** Brought to the middle of the view when it changes: the item picked. */
  selectedId: string | null;
  /** Enter on a row. */
  onActivate: (item: T) => void;
  /**
   * One row's content. `onEngagedChange(id, true)` keeps a row rendered while scrolled away
   * (an open form in it) until `onEngagedChange(id, false)`; it is the same function every time.
   */
  renderItem: (item: T, onEngagedChange: (id: string, engaged: boolean) => void) => ReactNode;
  /** The list's accessible name. */
  label: string;
  /** Read with the list: how its keys work. */
  keysHint: string;
  /** A row's height before it is measured. */
  estimatedRowPx?: number;
  className?: string;
  "data-testid"?: string;
}

/**
 * A long list, virtualised: only the rows in and near the view exist (rows are measured as
 * they render, so they may be any height). The row the keyboard is on and engaged rows stay
 * rendered. ↑/↓/Home/End move between rows (each row is a focus stop with its place in the
 * whole list), Enter activates one.
 */
export function VirtualList<T extends { id: string }>({
  items,
  scrollRef,
  currentId,
  selectedId,
  onActivate,
  renderItem,
  label,
  keysHint,
  estimatedRowPx = 120,
  className,
  "data-testid": testId,
}: VirtualListProps<T>) {
  const listRef = useRef<HTMLUListElement>(null);
  const hintId = useId();
  const [activeId, setActiveId] = useState<string | null>(null);
  const [engaged, setEngaged] = useState<ReadonlySet<string>>(() => new Set());
  const focusNext = useRef<string | null>(null);
  const indexById = useMemo(() => new Map(items.map((item, index) => [item.id, index])), [items]);

  const pinned = useMemo(() => {
    const ids = activeId ? [activeId, ...engaged] : [...engaged];
    return ids.map((id) => indexById.get(id)).filter((index): index is number => index !== undefined);
  }, [activeId, engaged, indexById]);
  const rangeExtractor = useCallback(
    (range: Range) => (pinned.length === 0 ? defaultRangeExtractor(range) : [...new Set([...defaultRangeExtractor(range), ...pinned])].sort((a, b) => a - b)),
    [pinned],
  );
  // No React Compiler here: the virtualizer is read during render, as its docs do.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer<HTMLDivElement, HTMLLIElement>({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    observeElementRect: observeView,
    initialRect: { width: 0, height: UNMEASURED_VIEW_PX },
    estimateSize: () => estimatedRowPx,
    getItemKey: (index) => items[index]?.id ?? index,
    overscan: items.length <= RENDER_ALL_UP_TO ? items.length : OVERSCAN,
    rangeExtractor,
  });
  useScrollToRow(selectedId, indexById, virtualizer, "center");
  useScrollToRow(currentId, indexById, virtualizer, "auto");
  useScrollAnchor(items, indexById, virtualizer, scrollRef);

  const onEngagedChange = useCallback((id: string, on: boolean) => {
    setEngaged((ids) => {
      if (ids.has(id) === on) return ids;
      const next = new Set(ids);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }, []);

  // A row moved to by the keyboard gets focus once it is rendered.
  useLayoutEffect(() => {
    const id = focusNext.current;
    const node = id ? listRef.current?.querySelector<HTMLElement>(`[data-row-id="${CSS.escape(id)}"]`) : null;
    if (!node) return;
    focusNext.current = null;
    node.focus({ preventScroll: true });
  });

  const moveTo = (index: number) => {
    const item = items[Math.max(0, Math.min(items.length - 1, index))];
    if (!item) return;
    focusNext.current = item.id;
    setActiveId(item.id);
    virtualizer.scrollToIndex(indexById.get(item.id) ?? 0, { align: "auto" });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
    const rowNode = (event.target as HTMLElement).closest<HTMLElement>("[data-row-id]");
    const index = rowNode ? indexById.get(rowNode.dataset.rowId ?? "") : undefined;
    if (!rowNode || index === undefined) return;
    const target: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: items.length - 1 };
    if (event.key in target) {
      event.preventDefault();
      moveTo(target[event.key]!);
    } else if (event.key === "Enter" && event.target === rowNode && items[index]) {
      event.preventDefault();
      onActivate(items[index]);
    }
  };

  const rows = virtualizer.getVirtualItems();
  // The row Tab lands on: the one the keyboard was on, else the first in view.
  const tabStop = activeId !== null && indexById.has(activeId) ? activeId : items[rows.find((entry) => !pinned.includes(entry.index))?.index ?? 0]?.id;
  return (
    <>
      <VisuallyHidden id={hintId}>{keysHint}</VisuallyHidden>
      <ul
        ref={listRef}
        className={cx(styles.list, className)}
        style={{ height: virtualizer.getTotalSize() }}
        aria-label={label}
        aria-describedby={hintId}
        onKeyDown={onKeyDown}
        onFocus={(event) => {
          const id = (event.target as HTMLElement).closest<HTMLElement>("[data-row-id]")?.dataset.rowId;
          if (id && id !== activeId) setActiveId(id);
        }}
        data-testid={testId}
        data-count={items.length}
      >
        {rows.map((entry) => {
          const item = items[entry.index]!;
          return (
            <li
              key={entry.key}
              ref={virtualizer.measureElement}
              data-index={entry.index}
              data-row-id={item.id}
              className={styles.row}
              style={{ transform: `translateY(${entry.start}px)` }}
              tabIndex={item.id === tabStop ? 0 : -1}
              aria-posinset={entry.index + 1}
              aria-setsize={items.length}
            >
              {renderItem(item, onEngagedChange)}
            </li>
          );
        })}
      </ul>
    </>
  );
}

"use client";

import { useEffect, useState, type ReactNode, type RefObject } from "react";

import { useTranslations } from "@/shared/i18n";

import { clamp, readSize, SIDE_TOP_HEIGHT_KEY, storeSize } from "../model/sizes";
import styles from "./review-layout.module.css";
import { Splitter } from "./splitter";
import { useBoxSize } from "./use-box-size";

/** The comment column's share by default: a 400 px list, its filters and the composer. */
const COMMENTS_MIN = 664;
/** However the splitter is dragged, the comments keep this much. */
const COMMENTS_FLOOR = 240;
/** Below what the default height keeps in view: the panels' bottom border and a little air. */
const KEEP_GAP = 4;

export interface SidebarSplitProps {
  /** The panels above the comments (decision, attention, digest); none: the comments alone. */
  top: ReactNode;
  /** The comments with their composer. */
  main: ReactNode;
  /**
   * Something in `top` the default height always shows whole (the decision's title and
   * buttons), with whatever is above it as it first shows, folded.
   */
  keepInView?: RefObject<HTMLElement | null>;
}

/** Whether a toggle before `element` in `box` is open (`aria-expanded="true"`): a panel unfolded above it. */
function openAbove(box: HTMLElement, element: HTMLElement): boolean {
  return Array.from(box.querySelectorAll('[aria-expanded="true"]')).some(
    (toggle) => (toggle.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0 && !toggle.contains(element),
  );
}

/**
 * The height the panels in `box` need to show `keepInView` whole, measured from their content
 * as it lays out (its width, the language, what has loaded): null until measured, 0 with
 * nothing to keep. Taken while the panels above it are folded and kept while one is open, so
 * an opened digest scrolls inside the panels instead of pushing the comments down.
 */
function useKeepHeight(box: HTMLElement | null, keepInView?: RefObject<HTMLElement | null>) {
  const [keepHeight, setKeepHeight] = useState<number | null>(null);
  useEffect(() => {
    if (!box || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(() => {
      const keep = keepInView?.current ?? null;
      if (!keep || !box.contains(keep)) {
        setKeepHeight(0);
        return;
      }
      const needed = Math.ceil(keep.getBoundingClientRect().bottom - box.getBoundingClientRect().top) + KEEP_GAP;
      const folded = !openAbove(box, keep);
      setKeepHeight((previous) => (folded || previous === null ? needed : previous));
    });
    observer.observe(box);
    return () => observer.disconnect();
  }, [box, keepInView]);
  return keepHeight;
}

/**
 * The sidebar's panels above its comments, resizable by a splitter (drag, arrows,
 * Home collapses them, double-click resets). By default the comments keep room for a
 * 400 px list and the panels scroll inside what is left, yet never so little that
 * `keepInView` (the decision's buttons) is cut; a chosen height is kept.
 */
export function SidebarSplit({ top, main, keepInView }: SidebarSplitProps) {
  const t = useTranslations("reviewLayout");
  const [splitRef, split] = useBoxSize<HTMLDivElement>();
  const [contentRef, content] = useBoxSize<HTMLDivElement>();
  const [chosen, setChosen] = useState<number | null>(() => readSize(SIDE_TOP_HEIGHT_KEY));
  const [dragging, setDragging] = useState<number | null>(null);
  const keepHeight = useKeepHeight(content.node, keepInView);

  if (!top) return <div className={styles.sideMain}>{main}</div>;

  const room = Math.max(0, split.height - COMMENTS_FLOOR);
  const cap = dragging ?? chosen ?? Math.max(keepHeight ?? 0, split.height - COMMENTS_MIN);
  // Unmeasured (first paint, tests): no cap yet.
  const measured = split.height > 0 && (keepHeight !== null || dragging !== null || chosen !== null);
  const height = measured ? clamp(cap, 0, room) : null;
  const max = Math.min(room, content.height || room);

  return (
    <div className={styles.sideSplit} ref={splitRef}>
      <div className={styles.sideTop} style={height === null ? undefined : { maxHeight: height }} data-testid="side-top">
        <div ref={contentRef} className={styles.sideTopContent}>
          {top}
        </div>
      </div>
      <Splitter
        orientation="horizontal"
        label={t("resizePanels")}
        size={height === null ? content.height : Math.min(height, content.height)}
        min={0}
        max={max}
        sizeAt={(_x, y) => y - (split.node?.getBoundingClientRect().top ?? 0)}
        increaseKey="ArrowDown"
        decreaseKey="ArrowUp"
        onResize={setDragging}
        onCommit={(size) => {
          setDragging(null);
          setChosen(size);
          storeSize(SIDE_TOP_HEIGHT_KEY, size);
        }}
        onReset={() => {
          setChosen(null);
          storeSize(SIDE_TOP_HEIGHT_KEY, null);
        }}
        data-testid="side-splitter"
      />
      <div className={styles.sideMain}>{main}</div>
    </div>
  );
}

"use client";

import { useState, type ReactNode } from "react";

import { useTranslations } from "@/shared/i18n";

import { clamp, readSize, SIDE_TOP_HEIGHT_KEY, storeSize } from "../model/sizes";
import styles from "./review-layout.module.css";
import { Splitter } from "./splitter";
import { useBoxSize } from "./use-box-size";

/** The comment column's share by default: a 400 px list, its filters and the composer. */
const COMMENTS_MIN = 664;
/** However the splitter is dragged, the comments keep this much. */
const COMMENTS_FLOOR = 240;
/** By default the panels above get at least this much: the folded ones and the decision's buttons. */
const TOP_FLOOR = 128;

export interface SidebarSplitProps {
  /** The panels above the comments (decision, attention, digest); none: the comments alone. */
  top: ReactNode;
  /** The comments with their composer. */
  main: ReactNode;
}

/**
 * The sidebar's panels above its comments, resizable by a splitter (drag, arrows,
 * Home collapses them, double-click resets). By default the comments keep room for a
 * 400 px list and the panels scroll inside what is left; a chosen height is kept.
 */
export function SidebarSplit({ top, main }: SidebarSplitProps) {
  const t = useTranslations("reviewLayout");
  const [splitRef, split] = useBoxSize<HTMLDivElement>();
  const [contentRef, content] = useBoxSize<HTMLDivElement>();
  const [chosen, setChosen] = useState<number | null>(() => readSize(SIDE_TOP_HEIGHT_KEY));
  const [dragging, setDragging] = useState<number | null>(null);

  if (!top) return <div className={styles.sideMain}>{main}</div>;

  const room = Math.max(0, split.height - COMMENTS_FLOOR);
  const cap = dragging ?? chosen ?? Math.max(TOP_FLOOR, split.height - COMMENTS_MIN);
  // Unmeasured (first paint, tests): no cap yet.
  const height = split.height > 0 ? clamp(cap, 0, room) : null;
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

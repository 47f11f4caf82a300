"use client";

import { useRef, type CSSProperties, type KeyboardEvent, type PointerEvent } from "react";

import { cx } from "@/shared/ui";

import { clamp, sizeForKey } from "../model/sizes";
import styles from "./review-layout.module.css";

export interface SplitterProps {
  /** The line between columns (`vertical`) or between rows (`horizontal`). */
  orientation: "vertical" | "horizontal";
  label: string;
  /** The size of the panel it resizes, in px. */
  size: number;
  min: number;
  max: number;
  /** The panel's size for a pointer at (x, y): the caller knows which edge it measures from. */
  sizeAt: (clientX: number, clientY: number) => number;
  /** Which arrow key makes the panel bigger, and which smaller. */
  increaseKey: string;
  decreaseKey: string;
  onResize: (size: number) => void;
  /** A drag ended or a key moved it: keep the size. */
  onCommit: (size: number) => void;
  /** Double-click: back to the default size. */
  onReset: () => void;
  className?: string;
  style?: CSSProperties;
  "data-testid"?: string;
}

/** A draggable, focusable separator (WAI-ARIA window splitter): pointer, arrows, Home/End. */
export function Splitter({
  orientation,
  label,
  size,
  min,
  max,
  sizeAt,
  increaseKey,
  decreaseKey,
  onResize,
  onCommit,
  onReset,
  className,
  style,
  "data-testid": testId,
}: SplitterProps) {
  const dragged = useRef<number | null>(null);

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture?.(event.pointerId);
    event.preventDefault();
    dragged.current = size;
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (dragged.current === null) return;
    dragged.current = clamp(sizeAt(event.clientX, event.clientY), min, max);
    onResize(dragged.current);
  };
  const onPointerEnd = () => {
    if (dragged.current !== null) onCommit(dragged.current);
    dragged.current = null;
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const next = sizeForKey(event.key, event.shiftKey, size, { min, max, increase: increaseKey, decrease: decreaseKey });
    if (next === null) return;
    event.preventDefault();
    onResize(next);
    onCommit(next);
  };

  return (
    <div
      role="separator"
      aria-orientation={orientation}
      aria-label={label}
      aria-valuenow={Math.round(size)}
      aria-valuemin={Math.round(min)}
      aria-valuemax={Math.round(max)}
      tabIndex={0}
      title={label}
      className={cx(styles.splitter, orientation === "vertical" ? styles.splitterVertical : styles.splitterHorizontal, className)}
      style={style}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerEnd}
      onPointerCancel={onPointerEnd}
      onKeyDown={onKeyDown}
      onDoubleClick={onReset}
      data-testid={testId}
    />
  );
}

"use client";

import { useEffect, useState } from "react";

export interface TrackMetrics {
  /** Content width in px; 0 until measured (server render, no ResizeObserver). */
  width: number;
  /** The track's font family, for measuring the text drawn on it. */
  fontFamily: string;
}

/**
 * The width of the element given `ref` (a callback ref: the track appears once the phases
 * load), followed as it resizes, and its font family.
 */
export function useTrackMetrics<T extends HTMLElement>() {
  const [node, ref] = useState<T | null>(null);
  const [metrics, setMetrics] = useState<TrackMetrics>({ width: 0, fontFamily: "sans-serif" });
  useEffect(() => {
    if (!node || typeof ResizeObserver === "undefined") return;
    const fontFamily = getComputedStyle(node).fontFamily || "sans-serif";
    const observer = new ResizeObserver(([entry]) => setMetrics({ width: entry?.contentRect.width ?? 0, fontFamily }));
    observer.observe(node);
    return () => observer.disconnect();
  }, [node]);
  return [ref, metrics] as const;
}

let context: CanvasRenderingContext2D | null | undefined;

/** Width in px of `text` drawn in `font` (CSS shorthand); a rough estimate where no canvas draws. */
export function textWidth(text: string, font: string): number {
  if (context === undefined) context = document.createElement("canvas").getContext("2d");
  if (!context) return text.length * (Number.parseFloat(/(\d+(?:\.\d+)?)px/.exec(font)?.[1] ?? "12") || 12) * 0.75;
  context.font = font;
  return context.measureText(text).width;
}

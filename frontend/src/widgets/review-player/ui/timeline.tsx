"use client";

import { useLayoutEffect, useRef, useState, type PointerEvent, type RefObject } from "react";

import { useTranslations } from "@/shared/i18n";
import { frameToSmpte } from "@/shared/lib/timecode";
import { initialsOf } from "@/shared/ui";

import { timelinePosition } from "../model/keys";
import styles from "./timeline.module.css";
import { MarkerRanges, TimelineMarkers, type TimelineMarker } from "./timeline-markers";

export type { TimelineMarker } from "./timeline-markers";

export interface TimelinePlayhead {
  id: string;
  name: string;
  seconds: number;
}

export interface TimelineProps {
  frame: number;
  lastFrame: number;
  fps: number;
  markers: readonly TimelineMarker[];
  playheads: readonly TimelinePlayhead[];
  selectedId: string | null;
  onSeekFrame: (frame: number) => void;
  onMarkerSelect?: (id: string) => void;
}

const pct = (value: number) => `${value * 100}%`;

/** The element's width in pixels, kept up to date (0 until measured). */
function useWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const node = ref.current;
    if (!node) return;
    setWidth(node.getBoundingClientRect().width);
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(([entry]) => setWidth(entry?.contentRect.width ?? 0));
    observer.observe(node);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

/** Scrub bar with comment markers (clustered where dense; ranges as bands) and where the other viewers are. */
export function Timeline({ frame, lastFrame, fps, markers, playheads, selectedId, onSeekFrame, onMarkerSelect }: TimelineProps) {
  const t = useTranslations("reviewPlayer");
  const trackRef = useRef<HTMLDivElement>(null);
  const scrubbing = useRef(false);
  const trackPx = useWidth(trackRef);

  const frameFromPointer = (clientX: number) => {
    const rect = trackRef.current?.getBoundingClientRect();
    if (!rect || rect.width === 0) return 0;
    return Math.round(((clientX - rect.left) / rect.width) * lastFrame);
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if ((event.target as HTMLElement).closest("button")) return;
    scrubbing.current = true;
    event.currentTarget.setPointerCapture?.(event.pointerId);
    onSeekFrame(frameFromPointer(event.clientX));
  };

  return (
    <div className={styles.timeline}>
      <div
        ref={trackRef}
        className={styles.track}
        role="slider"
        tabIndex={0}
        aria-label={t("timeline")}
        aria-valuemin={0}
        aria-valuemax={lastFrame}
        aria-valuenow={frame}
        aria-valuetext={frameToSmpte(frame, fps)}
        onPointerDown={onPointerDown}
        onPointerMove={(event) => {
          if (scrubbing.current) onSeekFrame(frameFromPointer(event.clientX));
        }}
        onPointerUp={() => {
          scrubbing.current = false;
        }}
        onKeyDown={(event) => {
          if (event.key === "Home") onSeekFrame(0);
          else if (event.key === "End") onSeekFrame(lastFrame);
          else return;
          event.preventDefault();
        }}
        data-testid="timeline"
      >
        <div className={styles.rail} />
        <div className={styles.played} style={{ width: pct(timelinePosition(frame, lastFrame)) }} />
        <MarkerRanges markers={markers} lastFrame={lastFrame} trackPx={trackPx} />
        {playheads.map((head) => (
          <span
            key={head.id}
            className={styles.remote}
            style={{ left: pct(timelinePosition(Math.floor(head.seconds * fps), lastFrame)) }}
            title={head.name}
            data-testid="remote-playhead"
          >
            <span className={styles.remoteName} aria-hidden="true">
              {initialsOf(head.name)}
            </span>
          </span>
        ))}
        <span className={styles.head} style={{ left: pct(timelinePosition(frame, lastFrame)) }} aria-hidden="true" />
      </div>
      <TimelineMarkers
        markers={markers}
        lastFrame={lastFrame}
        fps={fps}
        trackPx={trackPx}
        selectedId={selectedId}
        onSeekFrame={onSeekFrame}
        onMarkerSelect={onMarkerSelect}
      />
    </div>
  );
}

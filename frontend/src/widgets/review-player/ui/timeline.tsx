"use client";

import { useRef, type PointerEvent } from "react";

import { useTranslations } from "@/shared/i18n";
import { frameToSmpte } from "@/shared/lib/timecode";
import { cx, initialsOf } from "@/shared/ui";

import { timelinePosition } from "../model/keys";
import styles from "./timeline.module.css";

export interface TimelineMarker {
  id: string;
  frame: number;
  endFrame: number | null;
  label: string;
  resolved?: boolean;
  internal?: boolean;
}

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

/** Scrub bar with comment markers (ranges as spans) and where the other viewers are. */
export function Timeline({ frame, lastFrame, fps, markers, playheads, selectedId, onSeekFrame, onMarkerSelect }: TimelineProps) {
  const t = useTranslations("reviewPlayer");
  const trackRef = useRef<HTMLDivElement>(null);
  const scrubbing = useRef(false);

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
        {markers.map((marker) =>
          marker.endFrame !== null ? (
            <span
              key={`${marker.id}-range`}
              className={cx(styles.range, marker.resolved && styles.resolved)}
              style={{
                left: pct(timelinePosition(marker.frame, lastFrame)),
                width: pct(timelinePosition(marker.endFrame, lastFrame) - timelinePosition(marker.frame, lastFrame)),
              }}
              aria-hidden="true"
            />
          ) : null,
        )}
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
      <div className={styles.markers}>
        {markers.map((marker) => (
          <button
            key={marker.id}
            type="button"
            className={cx(
              styles.marker,
              marker.id === selectedId && styles.selected,
              marker.resolved && styles.resolved,
              marker.internal && styles.internal,
            )}
            style={{ left: pct(timelinePosition(marker.frame, lastFrame)) }}
            aria-label={t("marker", { timecode: frameToSmpte(marker.frame, fps), label: marker.label })}
            title={`${frameToSmpte(marker.frame, fps)} · ${marker.label}`}
            onClick={() => {
              onSeekFrame(marker.frame);
              onMarkerSelect?.(marker.id);
            }}
            data-testid="timeline-marker"
          />
        ))}
      </div>
    </div>
  );
}

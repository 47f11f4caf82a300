"use client";

import { useEffect, useId, useRef, useState, type KeyboardEvent, type PointerEvent } from "react";

import { useSaveShotMapMutation, useShotSizeLabel, type MappedShot, type ShotMap } from "@/entities/shot-map";
import { asApiError } from "@/shared/api";
import { useTranslations } from "@/shared/i18n";
import { useApiErrorText } from "@/shared/lib/errors";
import { frameToSmpte, timebase } from "@/shared/lib/timecode";
import { cx, useToast, VisuallyHidden } from "@/shared/ui";

import { boundariesOf, boundaryLimits, frameAtRatio, moveBoundary, nudgeBoundary, toRanges, type Boundary } from "../model/boundaries";
import styles from "./shot-lane.module.css";

/** Arrow-key moves are saved once the keys rest this long (one request, not one per frame). */
const KEY_SAVE_DELAY_MS = 700;

type Shots = readonly MappedShot[];

export interface ShotLaneProps {
  map: ShotMap;
  /** The timeline's last frame: the lane uses its scale, so shots line up with the markers. */
  lastFrame: number;
  fps: number;
  /** The playhead's frame (its shot is highlighted). */
  frame: number;
  /** Editors and above drag the boundaries; everyone else reads the lane. */
  canEdit: boolean;
  onSeekFrame: (frame: number) => void;
}

const pct = (value: number) => `${value * 100}%`;

function sameRanges(a: Shots, b: Shots): boolean {
  return a.length === b.length && a.every((shot, i) => shot.start_frame === b[i]!.start_frame && shot.end_frame === b[i]!.end_frame);
}

/** Centred over its point, but kept inside the lane near its ends. */
function tipPlace(position: number) {
  const shift = position < 0.15 ? "0%" : position > 0.85 ? "-100%" : "-50%";
  return { left: pct(position), transform: `translateX(${shift})` };
}

/**
 * Under the timeline: the linked plan's shots as blocks (number and size; what the shot shows
 * on hover or focus; a click seeks to its first frame). Editors drag a boundary (or focus it
 * and press ←/→, Shift for a second) to fit the plan to the cut; the map is saved at once and
 * goes back, with the reason, if the server refuses it.
 */
export function ShotLane({ map, lastFrame, fps, frame, canEdit, onSeekFrame }: ShotLaneProps) {
  const t = useTranslations("shots.lane");
  const errorText = useApiErrorText();
  const toast = useToast();
  const sizeLabel = useShotSizeLabel();
  const [save] = useSaveShotMapMutation();
  const laneRef = useRef<HTMLDivElement>(null);
  const keysId = useId();
  const [draft, setDraft] = useState<Shots | null>(null);
  const draftRef = useRef<Shots | null>(null);
  const drag = useRef<{ boundary: Boundary; origin: Shots } | null>(null);
  const keyTimer = useRef<number | undefined>(undefined);
  const [inspected, setInspected] = useState<number | null>(null);
  const [activeBoundary, setActiveBoundary] = useState<number | null>(null);

  const shots = draft ?? map.shots;
  const durationFrames = map.duration_frames ?? lastFrame + 1;
  const position = (at: number) => (lastFrame > 0 ? Math.min(1, Math.max(0, at / lastFrame)) : 0);
  const boundaries = boundariesOf(shots);
  useEffect(() => () => window.clearTimeout(keyTimer.current), []);

  const show = (next: Shots | null) => {
    draftRef.current = next;
    setDraft(next);
  };

  const commit = () => {
    window.clearTimeout(keyTimer.current);
    const next = draftRef.current;
    show(null);
    if (!next || sameRanges(next, map.shots)) return;
    save({ versionId: map.version_id, shots: toRanges(next) })
      .unwrap()
      .catch((error: unknown) => toast.show({ tone: "error", message: t("saveFailed", { reason: errorText(asApiError(error)) }) }));
  };

  const frameAtPointer = (clientX: number) => {
    const rect = laneRef.current?.getBoundingClientRect();
    if (!rect || rect.width === 0) return 0;
    return frameAtRatio((clientX - rect.left) / rect.width, lastFrame, durationFrames);
  };

  const onHandleDown = (event: PointerEvent<HTMLSpanElement>, index: number) => {
    const boundary = boundaries[index];
    if (!boundary || event.button !== 0) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture?.(event.pointerId);
    event.currentTarget.focus();
    drag.current = { boundary, origin: shots };
    setActiveBoundary(index);
  };
  const onHandleMove = (event: PointerEvent<HTMLSpanElement>) => {
    const current = drag.current;
    if (!current) return;
    show(moveBoundary(current.origin, current.boundary, frameAtPointer(event.clientX), durationFrames));
  };
  const onHandleUp = () => {
    if (!drag.current) return;
    drag.current = null;
    setActiveBoundary(null);
    commit();
  };

  const onHandleKey = (event: KeyboardEvent<HTMLSpanElement>, index: number) => {
    const boundary = boundaries[index];
    if (!boundary) return;
    if (event.key === "Escape" && draftRef.current) {
      window.clearTimeout(keyTimer.current);
      show(null);
      event.preventDefault();
      event.stopPropagation();
      return;
    }
    const direction = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (!direction) return;
    // The player's own arrow keys step the playhead: not while a boundary has the focus.
    event.preventDefault();
    event.stopPropagation();
    show(nudgeBoundary(shots, boundary, direction * (event.shiftKey ? timebase(fps) : 1), durationFrames));
    window.clearTimeout(keyTimer.current);
    keyTimer.current = window.setTimeout(commit, KEY_SAVE_DELAY_MS);
  };

  const describe = (shot: MappedShot) =>
    t("shotTitle", {
      number: shot.number,
      size: sizeLabel(shot.size),
      start: frameToSmpte(shot.start_frame, fps),
      end: frameToSmpte(Math.max(shot.start_frame, shot.end_frame - 1), fps),
    });
  const boundaryName = ({ before, after }: Boundary) => {
    const ends = before !== null ? shots[before]!.number : null;
    const starts = after !== null ? shots[after]!.number : null;
    if (ends !== null && starts !== null) return t("cut", { before: ends, after: starts });
    return starts !== null ? t("start", { number: starts }) : t("end", { number: ends ?? 0 });
  };

  const inspectedShot = inspected !== null ? shots[inspected] : undefined;
  const dragged = activeBoundary !== null ? boundaries[activeBoundary] : undefined;

  return (
    <div className={styles.lane} data-testid="shot-lane" data-source={map.source}>
      <div ref={laneRef} className={styles.track} role="group" aria-label={t("label", { count: shots.length })}>
        {shots.map((shot, index) => {
          const left = position(shot.start_frame);
          const current = frame >= shot.start_frame && frame < shot.end_frame;
          return (
            <button
              key={shot.shot_id}
              type="button"
              className={cx(styles.block, index % 2 === 1 && styles.alt, current && styles.current)}
              style={{ left: pct(left), width: pct(Math.max(0, position(shot.end_frame) - left)) }}
              onClick={() => onSeekFrame(shot.start_frame)}
              onPointerEnter={() => setInspected(index)}
              onPointerLeave={() => setInspected(null)}
              onFocus={() => setInspected(index)}
              onBlur={() => setInspected(null)}
              aria-label={describe(shot)}
              aria-current={current ? "true" : undefined}
              data-testid="shot-block"
              data-shot-number={shot.number}
            >
              <span className={styles.blockText} aria-hidden="true">
                <strong>{shot.number}</strong> {sizeLabel(shot.size)}
              </span>
            </button>
          );
        })}
        {canEdit
          ? boundaries.map((boundary, index) => {
              const { before, after } = boundary;
              const { min, max } = boundaryLimits(shots, boundary, durationFrames);
              return (
                <span
                  key={`${before}-${after}`}
                  className={cx(styles.handle, activeBoundary === index && styles.dragging)}
                  style={{ left: pct(position(boundary.frame)) }}
                  role="slider"
                  tabIndex={0}
                  aria-label={boundaryName(boundary)}
                  aria-valuemin={min}
                  aria-valuemax={max}
                  aria-valuenow={boundary.frame}
                  aria-valuetext={frameToSmpte(boundary.frame, fps)}
                  aria-describedby={keysId}
                  onPointerDown={(event) => onHandleDown(event, index)}
                  onPointerMove={onHandleMove}
                  onPointerUp={onHandleUp}
                  onPointerCancel={onHandleUp}
                  onKeyDown={(event) => onHandleKey(event, index)}
                  onFocus={() => setActiveBoundary(index)}
                  onBlur={() => {
                    setActiveBoundary(null);
                    if (draftRef.current && !drag.current) commit();
                  }}
                  data-testid="shot-boundary"
                  data-frame={boundary.frame}
                />
              );
            })
          : null}
      </div>
      {canEdit ? (
<VisuallyHidden id={keysId}>{t("keys")}</VisuallyHidden>
      ) : null}
      {dragged ? (
        <span className={styles.tip} style={tipPlace(position(dragged.frame))} role="status" data-testid="shot-boundary-tip">
          {boundaryName(dragged)} · {frameToSmpte(dragged.frame, fps)}
        </span>
      ) : inspectedShot ? (
        <span
          className={styles.tip}
          style={tipPlace((position(inspectedShot.start_frame) + position(inspectedShot.end_frame)) / 2)}
          role="tooltip"
          data-testid="shot-tip"
        >
          <strong>{describe(inspectedShot)}</strong>
          {inspectedShot.description ? <span className={styles.tipText}>{inspectedShot.description}</span> : null}
        </span>
      ) : null}
    </div>
  );
}

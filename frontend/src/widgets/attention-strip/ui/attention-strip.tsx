"use client";

import { useRef, useState, type KeyboardEvent, type PointerEvent } from "react";

import { formatClock, seenBy, type VersionAttention } from "@/entities/attention";
import { useTranslations } from "@/shared/i18n";

import { heatGradient, secondAt, secondPosition } from "./heat";
import styles from "./attention-strip.module.css";

/** Names shown on hover before "and N more". */
const NAMES_SHOWN = 4;

/** Centred over the second, but kept inside the strip near its ends. */
function tipPlace(position: number) {
  const shift = position < 0.15 ? "0%" : position > 0.85 ? "-100%" : "-50%";
  return { left: `${position * 100}%`, transform: `translateX(${shift})` };
}

export interface AttentionStripProps {
  attention: VersionAttention;
  /** The timeline's last frame (the strip lines up with its track). */
  lastFrame: number;
}

/**
 * Under the timeline: for each second, how many reviewers and guests watched it (deeper =
 * more; red = nobody). Hover or arrow keys tell who.
 */
export function AttentionStrip({ attention, lastFrame }: AttentionStripProps) {
  const t = useTranslations("attention.strip");
  const stripRef = useRef<HTMLDivElement>(null);
  const [second, setSecond] = useState<number | null>(null);
  const { seconds: counts, fps } = attention;
  if (counts.length === 0) return null;

  const inspect = (clientX: number) => {
    const rect = stripRef.current?.getBoundingClientRect();
    if (!rect || rect.width === 0) return;
    setSecond(secondAt((clientX - rect.left) / rect.width, fps, lastFrame, counts.length));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (event.key === "Escape") setSecond(null);
    if (!step) return;
    event.preventDefault();
    setSecond((current) => Math.min(counts.length - 1, Math.max(0, (current ?? -step) + step)));
  };

  let tip: string | null = null;
  if (second !== null) {
    const names = seenBy(attention.people, second);
    const time = formatClock(second);
    const shown = names.slice(0, NAMES_SHOWN).join(", ");
    const more = names.length > NAMES_SHOWN ? ` ${t("more", { count: names.length - NAMES_SHOWN })}` : "";
    tip = names.length === 0 ? t("nobody", { time }) : t("seenBy", { time, names: shown + more });
  }

  return (
    <div className={styles.lane}>
      <div
        ref={stripRef}
        className={styles.strip}
        style={{ backgroundImage: heatGradient(counts, fps, lastFrame) }}
        role="img"
        tabIndex={0}
        aria-label={t("label", { audience: attention.audience })}
        onPointerMove={(event: PointerEvent<HTMLDivElement>) => inspect(event.clientX)}
        onPointerLeave={() => setSecond(null)}
        onBlur={() => setSecond(null)}
        onKeyDown={onKeyDown}
        data-testid="attention-strip"
      />
      {second !== null ? (
        <span
          className={styles.tip}
          style={tipPlace(secondPosition(second, fps, lastFrame))}
          role="status"
          data-testid="attention-seen-by"
        >
          {tip}
        </span>
      ) : null}
    </div>
  );
}

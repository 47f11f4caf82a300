"use client";

import {
  forwardRef,
  useCallback,
  useEffect,
  useImperativeHandle,
  useRef,
  useState,
  type ReactNode,
} from "react";
import { createPortal } from "react-dom";

import { useTranslations } from "@/shared/i18n";
import { clampFrame, frameAt, frameToSmpte, lastFrame as lastFrameOf, seekTimeForFrame } from "@/shared/lib/timecode";
import { cx } from "@/shared/ui";

import { commandForKey, isTypingTarget } from "../model/keys";
import styles from "./review-player.module.css";
import { Timeline, type TimelineMarker, type TimelinePlayhead } from "./timeline";

export interface PlayerHandle {
  seekFrame: (frame: number) => void;
  seekSeconds: (seconds: number) => void;
  play: () => void;
  pause: () => void;
  currentTime: () => number;
  isPlaying: () => boolean;
}

export interface ReviewPlayerProps {
  src: string | null;
  poster?: string | null;
  fps: number;
  frameCount?: number | null;
  duration?: number | null;
  width?: number | null;
  height?: number | null;
  markers?: readonly TimelineMarker[];
  playheads?: readonly TimelinePlayhead[];
  selectedMarkerId?: string | null;
  onMarkerSelect?: (id: string) => void;
  /** Every time change (seek, frame while playing) and play/pause. */
  onTimeChange?: (seconds: number, playing: boolean) => void;
  /** Drawn over the exact frame area (annotations, the drawing canvas). */
  overlay?: ReactNode;
  /** Rows under the timeline, as wide as its track (the attention heat strip, a shot lane). */
  lanes?: ReactNode;
  /** Global J/K/L/arrow keys (one player per page should own them). */
  keyboard?: boolean;
  label: string;
  muted?: boolean;
  className?: string;
  /** Hide the timeline and controls (the synced second player of a compare). */
  bare?: boolean;
  /** When the media URL expired (presigned, 1 h) or failed to load. */
  onMediaError?: () => void;
  /**
   * Where the timeline and controls go instead of under the picture (a compare lays one bar
   * under both pictures); `null` while that place is still mounting.
   */
  controlsHost?: HTMLElement | null;
}

/**
 * An HTML5 player for review: frame-accurate stepping at the version's fps,
 * SMPTE timecode, a timeline with comment markers and other viewers'
 * playheads, NLE keys, and an overlay slot laid exactly over the frame.
 */
export const ReviewPlayer = forwardRef<PlayerHandle, ReviewPlayerProps>(function ReviewPlayer(
  {
    src,
    poster,
    fps,
    frameCount,
    duration,
    width,
    height,
    markers = [],
    playheads = [],
    selectedMarkerId,
    onMarkerSelect,
    onTimeChange,
    overlay,
    lanes,
    keyboard = false,
    label,
    muted: initialMuted = false,
    className,
    bare = false,
    onMediaError,
    controlsHost,
  },
  ref,
) {
  const t = useTranslations("reviewPlayer");
  const videoRef = useRef<HTMLVideoElement>(null);
  const [time, setTime] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [rate, setRate] = useState(1);
  const [muted, setMuted] = useState(initialMuted);
  const [mediaDuration, setMediaDuration] = useState<number | null>(null);
  // The source whose frames are decoded: from then on the picture is the frame, not the poster.
  const [framedSrc, setFramedSrc] = useState<string | null>(null);
  const onTimeChangeRef = useRef(onTimeChange);
  useEffect(() => {
    onTimeChangeRef.current = onTimeChange;
  }, [onTimeChange]);

  const total = duration ?? mediaDuration ?? 0;
  const last = lastFrameOf(fps, frameCount, total);
  const frame = clampFrame(frameAt(time, fps), last);

  const publish = useCallback((seconds: number, isPlaying: boolean) => {
    setTime(seconds);
    onTimeChangeRef.current?.(seconds, isPlaying);
  }, []);

  // While playing, follow the frame on screen (timeupdate fires only ~4×/s).
  useEffect(() => {
    if (!playing) return;
    let handle = 0;
    const video = videoRef.current;
    const tick = () => {
      if (video) publish(video.currentTime, !video.paused);
      handle = requestAnimationFrame(tick);
    };
    handle = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(handle);
  }, [playing, publish]);

  const seekSeconds = useCallback(
    (seconds: number) => {
      const video = videoRef.current;
      if (!video) return;
      const clamped = Math.max(0, Math.min(seconds, total > 0 ? total : seconds));
      video.currentTime = clamped;
      publish(clamped, !video.paused);
    },
    [publish, total],
  );

  const seekFrame = useCallback(
    (target: number) => {
      seekSeconds(seekTimeForFrame(clampFrame(target, last), fps));
    },
    [fps, last, seekSeconds],
  );

  const play = useCallback(() => {
    void videoRef.current?.play().catch(() => undefined);
  }, []);
  const pause = useCallback(() => {
    videoRef.current?.pause();
  }, []);

  useImperativeHandle(
    ref,
    () => ({
      seekFrame,
      seekSeconds,
      play,
      pause,
      currentTime: () => videoRef.current?.currentTime ?? 0,
      isPlaying: () => Boolean(videoRef.current && !videoRef.current.paused),
    }),
    [pause, play, seekFrame, seekSeconds],
  );

  const run = useCallback(
    (command: NonNullable<ReturnType<typeof commandForKey>>) => {
      const video = videoRef.current;
      if (!video) return;
      switch (command.kind) {
        case "toggle":
          if (video.paused) play();
          else pause();
          break;
        case "pause":
          pause();
          video.playbackRate = 1;
          setRate(1);
          break;
        case "play":
          video.playbackRate = command.rate;
          setRate(command.rate);
          play();
          break;
        case "step":
          pause();
          seekFrame(frameAt(video.currentTime, fps) + command.frames);
          break;
        case "seekSeconds":
          seekSeconds(video.currentTime + command.seconds);
          break;
      }
    },
    [fps, pause, play, seekFrame, seekSeconds],
  );

  useEffect(() => {
    if (!keyboard) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.metaKey || event.ctrlKey || event.altKey || isTypingTarget(event.target)) return;
      // Space on a focused button clicks it; leave it alone.
      if (event.key === " " && event.target instanceof HTMLButtonElement) return;
      const command = commandForKey(event.key, event.shiftKey, videoRef.current?.playbackRate ?? 1, !videoRef.current?.paused);
      if (!command) return;
      event.preventDefault();
      run(command);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [keyboard, run]);

  // A browser keeps showing the poster (made ~1 s in) until the first seek or play, while the
  // timecode says frame 0: land on the frame the UI shows (a deep link's too) once one is decoded.
  const showFrame = () => {
    const video = videoRef.current;
    if (!video) return;
    setFramedSrc(src);
    if (video.paused && !video.seeking) video.currentTime = seekTimeForFrame(frameAt(video.currentTime, fps), fps);
  };

  const ratio = width && height ? width / height : 16 / 9;

  const controls = (
    <div className={styles.controls}>
      <Timeline
        frame={frame}
        lastFrame={last}
        fps={fps}
        markers={markers}
        playheads={playheads}
        selectedId={selectedMarkerId ?? null}
        onSeekFrame={seekFrame}
        onMarkerSelect={onMarkerSelect}
      />
      {lanes}
      <div className={styles.bar}>
        <button
          type="button"
          className={styles.control}
          onClick={() => run({ kind: "step", frames: -1 })}
          aria-label={t("prevFrame")}
          title={t("prevFrame")}
        >
          <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
            <path d="M3 3v10M13 3 6 8l7 5z" fill="currentColor" stroke="currentColor" strokeWidth="1.5" />
          </svg>
        </button>
        <button
          type="button"
          className={cx(styles.control, styles.play)}
          onClick={() => run({ kind: "toggle" })}
          aria-label={playing ? t("pause") : t("play")}
          data-testid="play-toggle"
        >
          {playing ? (
            <svg width="18" height="18" viewBox="0 0 16 16" aria-hidden="true">
              <path d="M4 3h3v10H4zM9 3h3v10H9z" fill="currentColor" />
            </svg>
          ) : (
            <svg width="18" height="18" viewBox="0 0 16 16" aria-hidden="true">
              <path d="M4 2.5v11l9-5.5z" fill="currentColor" />
            </svg>
          )}
        </button>
        <button
          type="button"
          className={styles.control}
          onClick={() => run({ kind: "step", frames: 1 })}
          aria-label={t("nextFrame")}
          title={t("nextFrame")}
        >
          <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
            <path d="M13 3v10M3 3l7 5-7 5z" fill="currentColor" stroke="currentColor" strokeWidth="1.5" />
          </svg>
        </button>
        <output className={styles.timecode} aria-label={t("timecode")} data-testid="timecode">
          {frameToSmpte(frame, fps)}
        </output>
        <span className={styles.duration}>/ {frameToSmpte(last, fps)}</span>
        <span className={styles.frameNo}>{t("frame", { frame, fps: Math.round(fps * 100) / 100 })}</span>
        <span className={styles.spacer} />
        {rate !== 1 ? <span className={styles.rate}>{rate}×</span> : null}
        <button
          type="button"
          className={styles.control}
          onClick={() => setMuted((value) => !value)}
          aria-pressed={muted}
          aria-label={muted ? t("unmute") : t("mute")}
        >
          <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
            <path d="M2 6h3l4-3v10L5 10H2z" fill="currentColor" />
            {muted ? (
              <path d="m11 6 4 4m0-4-4 4" stroke="currentColor" strokeWidth="1.5" />
            ) : (
              <path d="M11 5.5a3.5 3.5 0 0 1 0 5" stroke="currentColor" strokeWidth="1.5" fill="none" />
            )}
          </svg>
        </button>
      </div>
    </div>
  );

  return (
    <div className={cx(styles.player, className)} data-testid="review-player">
      <div className={styles.stage}>
        <div className={styles.frame} style={{ aspectRatio: String(ratio), ["--frame-ratio" as string]: ratio }}>
          {src ? (
            <video
              ref={videoRef}
              className={styles.video}
              src={src}
              poster={framedSrc === src ? undefined : (poster ?? undefined)}
              preload="auto"
              playsInline
              muted={muted}
              aria-label={label}
              onPlay={() => {
                setPlaying(true);
                publish(videoRef.current?.currentTime ?? 0, true);
              }}
              onPause={() => {
                setPlaying(false);
                publish(videoRef.current?.currentTime ?? 0, false);
              }}
              onSeeked={() => publish(videoRef.current?.currentTime ?? 0, !videoRef.current?.paused)}
              onTimeUpdate={() => {
                if (!playing) setTime(videoRef.current?.currentTime ?? 0);
              }}
              onLoadedMetadata={() => setMediaDuration(videoRef.current?.duration ?? null)}
              onLoadedData={showFrame}
              onError={onMediaError}
              data-testid="review-video"
            />
          ) : (
            <div className={styles.noMedia}>{t("noMedia")}</div>
          )}
          {overlay ? <div className={styles.overlay}>{overlay}</div> : null}
        </div>
      </div>
      {bare || controlsHost === null ? null : controlsHost ? createPortal(controls, controlsHost) : controls}
    </div>
  );
});

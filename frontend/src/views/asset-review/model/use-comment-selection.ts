"use client";

import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from "react";

import { currentFeedbackId, DEFAULT_FEEDBACK_FILTER, feedbackAtFrame, type Feedback, type FeedbackFilter } from "@/entities/feedback";
import { seekTimeForFrame } from "@/shared/lib/timecode";
import { commentMarkers, type PlayerHandle, type TimelineMarker } from "@/widgets/review-player";

import type { Playhead } from "./use-playhead";

/**
 * Which comment is picked, which one the playhead is on, the list's filter, the
 * timeline's markers and the drawings lying over the frame. A link to one comment
 * (`?feedback=`) picks it and lands on its frame once the list is in.
 */
export function useCommentSelection(
  items: readonly Feedback[],
  playerRef: RefObject<PlayerHandle | null>,
  playhead: Playhead,
  fps: number,
  wanted: string | null,
) {
  const [selectedId, setSelectedId] = useState<string | null>(wanted);
  const [filter, setFilter] = useState<FeedbackFilter>(DEFAULT_FEEDBACK_FILTER);
  const { frame, hold, playing } = playhead;

  const landed = useRef(false);
  useEffect(() => {
    if (landed.current || !wanted || items.length === 0) return;
    const item = items.find((entry) => entry.id === wanted);
    if (!item) return;
    landed.current = true;
    const timer = window.setTimeout(() => playerRef.current?.seekSeconds(seekTimeForFrame(item.frame, fps)), 300);
    return () => window.clearTimeout(timer);
  }, [fps, items, playerRef, wanted]);

  const markers: TimelineMarker[] = useMemo(
    () => commentMarkers(items, (item) => item.author?.display_name ?? item.guest_name),
    [items],
  );

  // Drawings of the comments at the playhead (or the one picked in the list) lie over the frame.
  const shownAnnotations = useMemo(() => {
    const here = feedbackAtFrame(items, frame, playing ? hold : 0).filter((item) => item.annotation);
    const selected = items.find((item) => item.id === selectedId && item.annotation && item.frame === frame);
    if (selected && !here.includes(selected)) here.push(selected);
    return here;
  }, [frame, hold, items, playing, selectedId]);

  // Stable, so the list's memoised rows do not re-render when the page does.
  const seekTo = useCallback(
    (item: Feedback) => {
      setSelectedId(item.id);
      playerRef.current?.pause();
      playerRef.current?.seekFrame(item.frame);
    },
    [playerRef],
  );

  return {
    selectedId,
    select: setSelectedId,
    filter,
    setFilter,
    currentId: currentFeedbackId(items, frame, hold),
    markers,
    shownAnnotations,
    seekTo,
    seekToId: (id: string) => {
      const item = items.find((entry) => entry.id === id);
      if (item) seekTo(item);
    },
  };
}

export type CommentSelection = ReturnType<typeof useCommentSelection>;

"use client";

import { useSearchParams } from "next/navigation";
import { useEffect, type RefObject } from "react";

import { registerFeedbackShotRealtime } from "@/entities/feedback";
import { registerShotMapRealtime, shotAt, useGetShotMapQuery } from "@/entities/shot-map";
import { useRealtimeListeners } from "@/shared/lib/redux";
import { lastFrame } from "@/shared/lib/timecode";
import type { PlayerHandle } from "@/widgets/review-player";

import type { ReviewRoom } from "./use-review-room";

/** Wait for the player to mount its video before landing on `?frame=` (as `?feedback=` does). */
const LAND_DELAY_MS = 300;

/**
 * The linked plan's shots on the version shown: its map (live: a teammate's save or a link
 * change arrives as `shot_map.updated`, and the comments' shot tags follow), the shot under
 * the playhead, and the landing on `?frame=` (the plan page's "open in review" of a shot).
 */
export function useRoomShots(room: ReviewRoom, playerRef: RefObject<PlayerHandle | null>, frame: number) {
  useRealtimeListeners(registerShotMapRealtime, registerFeedbackShotRealtime);
  const { version, fps } = room;
  const linked = Boolean(room.asset.data?.plan_id);
  const versionId = version?.status === "ready" ? version.id : null;
  const query = useGetShotMapQuery(versionId ?? "", { skip: !versionId || !linked });
  const map = linked && query.data?.version_id === versionId && query.data.shots.length > 0 ? query.data : null;

  const wantedFrame = Number.parseInt(useSearchParams().get("frame") ?? "", 10);
  useEffect(() => {
    if (!versionId || !Number.isFinite(wantedFrame)) return;
    const timer = window.setTimeout(() => playerRef.current?.seekFrame(wantedFrame), LAND_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [playerRef, versionId, wantedFrame]);

  return {
    map,
    current: map ? shotAt(map.shots, frame) : null,
    lastFrame: lastFrame(fps, version?.frame_count, version?.duration),
  };
}

export type RoomShots = ReturnType<typeof useRoomShots>;

"use client";

import { useCallback, useMemo } from "react";

import {
  useGetVersionAttentionQuery,
  useLazyGetMyAttentionQuery,
  useReportAttentionMutation,
  useWatchReporter,
  type FrameRange,
} from "@/entities/attention";
import { roleAllows } from "@/shared/api";
import { lastFrame } from "@/shared/lib/timecode";

import type { ReviewRoom } from "./use-review-room";

/** The team's view refreshes this often while the room is open (reviewers report every ~10 s). */
const TEAM_POLL_MS = 15_000;

/**
 * Review attention in the room: what I play is reported (members of every role); the team
 * (view_attention) also gets everyone's heat strip, people and decision bases.
 */
export function useRoomAttention(room: ReviewRoom) {
  const { version, fps } = room;
  const versionId = version?.status === "ready" ? version.id : null;
  const canSee = roleAllows(room.project.data?.my_role ?? null, "view_attention");
  const [report] = useReportAttentionMutation();
  const [fetchMine] = useLazyGetMyAttentionQuery();

  const send = useCallback(
    (ranges: FrameRange[], { keepalive }: { keepalive: boolean }) =>
      versionId ? report({ versionId, ranges, keepalive }).unwrap() : Promise.resolve(null),
    [report, versionId],
  );
  const reporter = useWatchReporter({ target: versionId, fps, frameCount: version?.frame_count, send });
  const team = useGetVersionAttentionQuery(versionId ?? "", { skip: !versionId || !canSee, pollingInterval: TEAM_POLL_MS });

  const { flush } = reporter;
  const checkUnwatched = useCallback(async () => {
    if (!versionId) return null;
    await flush();
    return (await fetchMine(versionId).unwrap()).unwatched;
  }, [fetchMine, flush, versionId]);

  return useMemo(
    () => ({
      observe: reporter.observe,
      checkUnwatched,
      canSee,
      team: canSee ? team.data : undefined,
      lastFrame: lastFrame(fps, version?.frame_count, version?.duration),
    }),
    [reporter.observe, checkUnwatched, canSee, team.data, fps, version?.frame_count, version?.duration],
  );
}

export type RoomAttention = ReturnType<typeof useRoomAttention>;

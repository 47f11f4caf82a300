"use client";

import { lazy, Suspense, type ReactNode, type RefObject } from "react";

import { versionFps, type Version } from "@/entities/version";
import { DrawingOverlay, DrawingToolbar, type Drawing } from "@/widgets/annotation-canvas";
import { ReviewState } from "@/widgets/review-layout";
import { ReviewPlayer, type PlayerHandle } from "@/widgets/review-player";
import { useTranslations } from "@/shared/i18n";
import { AlertCircleIcon, EmptyState, Spinner } from "@/shared/ui";

import type { CommentSelection } from "../model/use-comment-selection";
import type { Playhead } from "../model/use-playhead";
import type { ReviewRoom } from "../model/use-review-room";

// Side-by-side compare comes into play on demand: its code loads then, not with the room.
const ComparePlayers = lazy(() => import("@/widgets/review-player").then((m) => ({ default: m.ComparePlayers })));

interface RoomStageProps {
  room: ReviewRoom;
  playerRef: RefObject<PlayerHandle | null>;
  playhead: Playhead;
  selection: CommentSelection;
  drawing: Drawing;
  compareVersion: Version | null;
  /** Rows under the timeline (the attention heat strip, for the team). */
  lanes?: ReactNode;
  /** Under the player (the current shot of the linked plan). */
  below?: ReactNode;
}

function Waiting() {
  const t = useTranslations("review");
  return (
    <ReviewState>
      <Spinner size={28} label={t("loading")} />
    </ReviewState>
  );
}

/** The player (or the pair of players in compare mode), or why there is none yet. */
export function RoomStage({ room, playerRef, playhead, selection, drawing, compareVersion, lanes, below }: RoomStageProps) {
  const t = useTranslations("review");
  const { version, fps, can } = room;
  const title = room.asset.data?.title ?? "";
  if (!version) {
    return (
      <ReviewState>
        <EmptyState title={t("noVersions")} body={can.upload ? t("noVersionsHint") : undefined} />
      </ReviewState>
    );
  }
  if (version.status === "processing" || version.status === "uploading") {
    return (
      <ReviewState data-testid="version-processing">
        <div>
          <Spinner size={28} label={t("processing")} />
          <p>{t("processing")}</p>
        </div>
      </ReviewState>
    );
  }
  if (version.status === "failed") {
    return (
      <ReviewState>
        <EmptyState tone="error" icon={<AlertCircleIcon size={20} />} title={t("failed")} body={failureText(t, version)} />
      </ReviewState>
    );
  }
  const shown = selection.shownAnnotations.map((item) => ({
    id: item.id,
    annotation: item.annotation,
    label: t("drawingOf", { author: item.author?.display_name ?? item.guest_name }),
  }));
  const overlay = <DrawingOverlay drawing={drawing} shown={shown} />;
  const playheads = room.room.viewers
    .filter((viewer) => viewer.playhead !== null)
    .map((viewer) => ({ id: viewer.id, name: viewer.display_name, seconds: viewer.playhead ?? 0 }));
  const media = (item: Version) => ({
    src: item.file_url,
    poster: item.poster_url,
    fps: versionFps(item),
    frameCount: item.frame_count,
    duration: item.duration,
    width: item.width,
    height: item.height,
    label: t("videoLabel", { title, number: item.number }),
  });
  const timeline = { markers: selection.markers, playheads, selectedMarkerId: selection.selectedId, onMarkerSelect: selection.select, overlay };

  if (compareVersion) {
    return (
      <Suspense fallback={<Waiting />}>
        <ComparePlayers
          onTimeChange={playhead.onTimeChange}
          left={{ caption: t("versionLabel", { number: version.number }), ...media(version), ...timeline }}
          right={{ caption: t("versionLabel", { number: compareVersion.number }), ...media(compareVersion) }}
        />
      </Suspense>
    );
  }
  return (
    <>
      <ReviewPlayer
        ref={playerRef}
        key={version.id}
        {...media(version)}
        fps={fps}
        {...timeline}
        onTimeChange={playhead.onTimeChange}
        lanes={lanes}
        keyboard
        onMediaError={room.refetchVersion}
      />
      {below}
      <DrawingToolbar drawing={drawing} />
    </>
  );
}

/** Why a version failed, in the reader's language when its code is known (the English detail otherwise). */
function failureText(t: ReturnType<typeof useTranslations<"review">>, version: { failure_code: string; failure_reason: string }) {
  const key = `failureReason.${version.failure_code}` as const;
  return version.failure_code && t.has(key as "failureReason.missing") ? t(key as "failureReason.missing") : version.failure_reason || version.failure_code;
}

"use client";

import { lazy, Suspense, type RefObject } from "react";

import { AnnotationView } from "@/entities/feedback";
import { versionFps, type Version } from "@/entities/version";
import { toAnnotation, type Drawing } from "@/widgets/annotation-canvas";
import { ReviewPlayer, type PlayerHandle } from "@/widgets/review-player";
import { useTranslations } from "@/shared/i18n";
import { AlertCircleIcon, EmptyState, Spinner } from "@/shared/ui";

import type { CommentSelection } from "../model/use-comment-selection";
import type { Playhead } from "../model/use-playhead";
import type { ReviewRoom } from "../model/use-review-room";
import styles from "./review-room.module.css";

// Drawing and side-by-side compare come into play on demand: their code loads then, not with the room.
const AnnotationCanvas = lazy(() => import("@/widgets/annotation-canvas").then((m) => ({ default: m.AnnotationCanvas })));
const AnnotationToolbar = lazy(() => import("@/widgets/annotation-canvas").then((m) => ({ default: m.AnnotationToolbar })));
const ComparePlayers = lazy(() => import("@/widgets/review-player").then((m) => ({ default: m.ComparePlayers })));

interface RoomStageProps {
  room: ReviewRoom;
  playerRef: RefObject<PlayerHandle | null>;
  playhead: Playhead;
  selection: CommentSelection;
  drawing: Drawing;
  compareVersion: Version | null;
}

/** What lies over the frame: the canvas while drawing, else the drawings of the comments here. */
function Overlay({ drawing, selection }: Pick<RoomStageProps, "drawing" | "selection">) {
  const t = useTranslations("review");
  if (drawing.active) {
    return (
      <Suspense fallback={null}>
        <AnnotationCanvas tool={drawing.tool} color={drawing.color} shapes={drawing.shapes} onShapesChange={drawing.setShapes} />
      </Suspense>
    );
  }
  return (
    <>
      {drawing.shapes.length > 0 ? <AnnotationView annotation={toAnnotation(drawing.shapes)} /> : null}
      {selection.shownAnnotations.map((item) => (
        <AnnotationView key={item.id} annotation={item.annotation} label={t("drawingOf", { author: item.author?.display_name ?? item.guest_name })} />
      ))}
    </>
  );
}

function Waiting() {
  const t = useTranslations("review");
  return (
    <div className={styles.state}>
      <Spinner size={28} label={t("loading")} />
    </div>
  );
}

/** The player (or the pair of players in compare mode), or why there is none yet. */
export function RoomStage({ room, playerRef, playhead, selection, drawing, compareVersion }: RoomStageProps) {
  const t = useTranslations("review");
  const { version, fps, can } = room;
  const title = room.asset.data?.title ?? "";
  if (!version) {
    return (
      <div className={styles.state}>
        <EmptyState title={t("noVersions")} body={can.upload ? t("noVersionsHint") : undefined} />
      </div>
    );
  }
  if (version.status === "processing" || version.status === "uploading") {
    return (
      <div className={styles.state} data-testid="version-processing">
        <div>
          <Spinner size={28} label={t("processing")} />
          <p>{t("processing")}</p>
        </div>
      </div>
    );
  }
  if (version.status === "failed") {
    return (
      <div className={styles.state}>
        <EmptyState tone="error" icon={<AlertCircleIcon size={20} />} title={t("failed")} body={version.failure_reason || version.failure_code} />
      </div>
    );
  }
  const overlay = <Overlay drawing={drawing} selection={selection} />;
  const playheads = room.room.viewers
    .filter((viewer) => viewer.playhead !== null)
    .map((viewer) => ({ id: viewer.id, name: viewer.display_name, seconds: viewer.playhead ?? 0 }));
  const media = (shown: Version) => ({
    src: shown.file_url,
    poster: shown.poster_url,
    fps: versionFps(shown),
    frameCount: shown.frame_count,
    duration: shown.duration,
    width: shown.width,
    height: shown.height,
    label: t("videoLabel", { title, number: shown.number }),
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
        keyboard
        onMediaError={room.refetchVersion}
      />
      {drawing.active ? (
        <div className={styles.toolbarSlot}>
          <Suspense fallback={null}>
            <AnnotationToolbar
              tool={drawing.tool}
              onToolChange={drawing.setTool}
              color={drawing.color}
              onColorChange={drawing.setColor}
              canUndo={drawing.shapes.length > 0}
              onUndo={drawing.undo}
              onClear={drawing.clear}
              onDone={drawing.finish}
            />
          </Suspense>
        </div>
      ) : null}
    </>
  );
}

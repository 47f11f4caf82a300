"use client";

import { useRef } from "react";

import type { ReviewUser } from "@/entities/asset";
import { CurrentShot } from "@/entities/shot-map";
import { ShotLane } from "@/features/review/edit-shot-map";
import { asApiError } from "@/shared/api";
import { useTranslations } from "@/shared/i18n";
import { useApiErrorText } from "@/shared/lib/errors";
import { useDrawing } from "@/widgets/annotation-canvas";
import { AttentionStrip } from "@/widgets/attention-strip";
import { ReviewColumns, ReviewShell, ReviewState } from "@/widgets/review-layout";
import type { PlayerHandle } from "@/widgets/review-player";
import { AlertCircleIcon, Button, EmptyState, PageSpinner } from "@/shared/ui";

import { useCommentSelection } from "../model/use-comment-selection";
import { useCompare } from "../model/use-compare";
import { usePlayhead } from "../model/use-playhead";
import { useReviewRoom } from "../model/use-review-room";
import { useRoomAttention } from "../model/use-room-attention";
import { useRoomShots } from "../model/use-room-shots";
import { RoomSidebar } from "./room-sidebar";
import { RoomStage } from "./room-stage";
import { RoomTopbar } from "./room-topbar";

function userOf(me: { id: string; email: string; display_name: string; avatar: string | null }): ReviewUser {
  return { id: me.id, email: me.email, display_name: me.display_name, avatar: me.avatar };
}

/** The review room of one asset: player, comments, drawing, decisions, presence — all live. */
export function AssetReviewPage({ assetId }: { assetId: string }) {
  const t = useTranslations("review");
  const errorText = useApiErrorText();
  const room = useReviewRoom(assetId);
  const playerRef = useRef<PlayerHandle>(null);
  const attention = useRoomAttention(room);
  const playhead = usePlayhead(playerRef, room.fps, room.room.sendPresence, attention.observe);
  const shots = useRoomShots(room, playerRef, playhead.frame);
  const selection = useCommentSelection(room.items, playerRef, playhead, room.fps, room.wantedFeedback);
  const drawing = useDrawing();
  const compare = useCompare(room.versions.data ?? [], room.version);
  const { asset, versions, me } = room;

  if (asset.isError || versions.isError) {
    const error = asApiError(asset.error ?? versions.error);
    return (
      <ReviewShell>
        <ReviewState>
          <EmptyState
            tone="error"
            icon={<AlertCircleIcon size={20} />}
            title={error.status === 404 ? t("notFound") : errorText(error)}
            action={<Button onClick={() => void asset.refetch()}>{t("retry")}</Button>}
          />
        </ReviewState>
      </ReviewShell>
    );
  }
  if (!asset.data || !versions.data || !me.data) {
    return (
      <ReviewShell>
        <ReviewState>
          <PageSpinner label={t("loading")} />
        </ReviewState>
      </ReviewShell>
    );
  }

  const selectVersion = (id: string) => {
    drawing.discard();
    compare.setCompareId(null);
    room.showVersion(id);
  };

  return (
    <ReviewShell data-testid="review-room">
      <title>{`${asset.data.title} · ${t("title")}`}</title>
      <RoomTopbar assetId={assetId} room={room} compare={compare} onSelectVersion={selectVersion} />
      <ReviewColumns
        sidebarLabel={t("sidebar")}
        stage={
          <RoomStage
            room={room}
            playerRef={playerRef}
            playhead={playhead}
            selection={selection}
            drawing={drawing}
            compareVersion={compare.compareVersion}
            lanes={
              <>
                {shots.map ? (
                  <ShotLane
                    map={shots.map}
                    lastFrame={shots.lastFrame}
                    fps={room.fps}
                    frame={playhead.frame}
                    canEdit={room.can.upload}
                    onSeekFrame={(frame) => playerRef.current?.seekFrame(frame)}
                  />
                ) : null}
                {attention.team ? <AttentionStrip attention={attention.team} lastFrame={attention.lastFrame} /> : null}
              </>
            }
            below={shots.map ? <CurrentShot map={shots.map} shot={shots.current} /> : null}
          />
        }
        sidebar={
          <RoomSidebar
            room={room}
            me={userOf(me.data)}
            playhead={playhead}
            selection={selection}
            drawing={drawing}
            comparing={compare.compareVersion !== null}
            attention={attention}
          />
        }
      />
    </ReviewShell>
  );
}

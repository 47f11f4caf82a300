"use client";

import { lazy, Suspense, useRef } from "react";

import type { ReviewUser } from "@/entities/asset";
import { DecisionPanel } from "@/features/review/review-decision";
import { toAnnotation, type Drawing } from "@/widgets/annotation-canvas";
import { AttentionPeople } from "@/widgets/attention-strip";
import { FeedbackPanelSkeleton } from "@/widgets/feedback-panel";
import { SidebarSplit } from "@/widgets/review-layout";
import { VersionDigest } from "@/widgets/version-digest";
import { asApiError } from "@/shared/api";
import { useApiErrorText } from "@/shared/lib/errors";

import type { CommentSelection } from "../model/use-comment-selection";
import type { Playhead } from "../model/use-playhead";
import type { ReviewRoom } from "../model/use-review-room";
import type { RoomAttention } from "../model/use-room-attention";

// The comment column shows comments fetched as the room opens: its code loads alongside them,
// behind the same skeleton the list shows while they are on their way.
const CommentsColumn = lazy(() => import("./comments-column"));

interface RoomSidebarProps {
  room: ReviewRoom;
  me: ReviewUser;
  playhead: Playhead;
  selection: CommentSelection;
  drawing: Drawing;
  comparing: boolean;
  attention: RoomAttention;
}

/** The decision, the digest and the comments (with the composer when I may comment), in the room's sidebar. */
export function RoomSidebar({ room, me, playhead, selection, drawing, comparing, attention }: RoomSidebarProps) {
  const errorText = useApiErrorText();
  const { version, can, feedback, members } = room;
  const ready = version?.status === "ready";
  // However the panels lay out (a digest's button, longer English labels), the decision's buttons show as the room opens.
  const decisionBar = useRef<HTMLDivElement>(null);
  return (
    <SidebarSplit
      keepInView={decisionBar}
      top={
        ready ? (
          <>
            {/* Folded, these two share the first line; the decision follows (the panels scroll). */}
            {attention.canSee ? <AttentionPeople attention={attention.team} /> : null}
            <VersionDigest versionId={version.id} canRequest={can.resolve} defaultCollapsed onSeekToFeedback={selection.seekToId} />
            <DecisionPanel
              version={version}
              myId={me.id}
              canDecide={can.resolve}
              checkUnwatched={attention.checkUnwatched}
              canSeeAttention={attention.canSee}
              barRef={decisionBar}
            />
          </>
        ) : null
      }
      main={
        ready ? (
          <Suspense fallback={<FeedbackPanelSkeleton />}>
            <CommentsColumn
              versionId={version.id}
              items={room.items}
              loading={feedback.isLoading}
              error={feedback.isError ? errorText(asApiError(feedback.error)) : null}
              filter={selection.filter}
              onFilterChange={selection.setFilter}
              currentId={selection.currentId}
              selectedId={selection.selectedId}
              onSeek={selection.seekTo}
              me={me}
              members={members}
              canComment={can.comment}
              canResolve={can.resolve}
              canModerate={can.moderate}
              typing={room.room.typing.map((user) => user.display_name)}
              composer={
                can.comment && !comparing
                  ? {
                      versionId: version.id,
                      fps: room.fps,
                      frame: playhead.frame,
                      members,
                      me,
                      drawing: toAnnotation(drawing.shapes),
                      drawingActive: drawing.active,
                      onToggleDrawing: () => {
                        playhead.pause();
                        drawing.toggle();
                      },
                      onClearDrawing: drawing.discard,
                      onStartWriting: playhead.pause,
                      onTyping: room.room.sendTyping,
                    }
                  : null
              }
            />
          </Suspense>
        ) : null
      }
    />
  );
}

"use client";

import type { useVersionRoom } from "@/entities/version";
import { useTranslations } from "@/shared/i18n";
import { frameAt, frameToSmpte } from "@/shared/lib/timecode";
import { Avatar, VisuallyHidden } from "@/shared/ui";

import styles from "./review-room.module.css";

type Room = ReturnType<typeof useVersionRoom>;

/** The room's live dot and who is watching (with their timecode on hover). */
export function RoomViewers({ room, fps }: { room: Room; fps: number }) {
  const t = useTranslations("review");
  return (
    <>
      <span className={styles.live} data-status={room.status} data-testid="room-status" title={t(`room.${room.status}`)}>
        <span className={styles.liveDot} aria-hidden="true" />
        {t("watching", { count: room.viewers.length })}
      </span>
      {room.viewers.length > 0 ? (
        <ul className={styles.viewers} aria-label={t("viewers")} data-testid="viewers">
          {room.viewers.map((viewer) => (
            <li
              key={viewer.id}
              className={styles.viewer}
              data-playing={viewer.playing ?? false}
              title={
                viewer.playhead !== null
                  ? t("viewerAt", { name: viewer.display_name, timecode: frameToSmpte(frameAt(viewer.playhead, fps), fps) })
                  : viewer.display_name
              }
            >
              <Avatar name={viewer.display_name} size={26} />
              <VisuallyHidden>{viewer.display_name}</VisuallyHidden>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

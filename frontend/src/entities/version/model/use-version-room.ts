"use client";

import { useCallback, useEffect, useRef, useState } from "react";

import { useAppDispatch, useRealtimeListeners } from "@/shared/lib/redux";
import { createRealtimeConnection, type WsEvent, type WsServerMessage, type WsStatus } from "@/shared/ws";

import { registerVersionRealtime } from "./realtime";
import type { RoomViewer } from "./types";

export const versionSocketPath = (versionId: string) => `/ws/versions/${versionId}/`;

interface RoomUser {
  id: string;
  display_name: string;
}

export interface VersionRoom {
  status: WsStatus;
  /** Everyone else in the room (by user), with their last reported playhead. */
  viewers: RoomViewer[];
  /** Users typing a comment right now. */
  typing: RoomUser[];
  sendPresence: (playhead: number, playing: boolean) => void;
  sendTyping: (on: boolean) => void;
}

function isUser(value: unknown): value is RoomUser {
  return typeof value === "object" && value !== null && typeof (value as RoomUser).id === "string";
}

/** Typing flags fade on their own if the "off" never arrives (tab closed mid-sentence). */
const TYPING_TTL_MS = 8_000;

/**
 * The live review room of one version over the shared WebSocket manager:
 * durable events go to the store (the version listeners, started here, and the
 * page's feedback listeners update the cache); presence, playheads and typing
 * stay local to the page.
 */
export function useVersionRoom(versionId: string | null, selfId: string | null): VersionRoom {
  const dispatch = useAppDispatch();
  useRealtimeListeners(registerVersionRealtime);
  const [status, setStatus] = useState<WsStatus>("idle");
  const [viewers, setViewers] = useState<RoomViewer[]>([]);
  const [typing, setTyping] = useState<Array<RoomUser & { until: number }>>([]);
  const sendRef = useRef<((message: { type: string } & Record<string, unknown>) => boolean) | null>(null);

  useEffect(() => {
    if (!versionId) return;
    const onHello = (message: WsServerMessage) => {
      const list = Array.isArray(message.presence) ? message.presence : [];
      setViewers(
        list.filter(isUser).map((viewer) => {
          const item = viewer as RoomUser & { playhead?: number | null; playing?: boolean | null };
          return { id: item.id, display_name: item.display_name, playhead: item.playhead ?? null, playing: item.playing ?? null };
        }),
      );
    };
    const onMessage = (event: WsEvent) => {
      const data = (event.data ?? {}) as { user?: unknown; playhead?: unknown; playing?: unknown; on?: unknown };
      const user = data.user;
      if (!isUser(user)) return;
      if (event.type === "presence.update") {
        const playhead = typeof data.playhead === "number" ? data.playhead : null;
        const playing = typeof data.playing === "boolean" ? data.playing : null;
        setViewers((current) => {
          const rest = current.filter((viewer) => viewer.id !== user.id);
          return [...rest, { id: user.id, display_name: user.display_name, playhead, playing }];
        });
      } else if (event.type === "presence.joined") {
        setViewers((current) =>
          current.some((viewer) => viewer.id === user.id)
            ? current
            : [...current, { id: user.id, display_name: user.display_name, playhead: null, playing: null }],
        );
      } else if (event.type === "presence.left") {
        setViewers((current) => current.filter((viewer) => viewer.id !== user.id));
        setTyping((current) => current.filter((item) => item.id !== user.id));
      } else if (event.type === "typing") {
        setTyping((current) => {
          const rest = current.filter((item) => item.id !== user.id);
          return data.on === true ? [...rest, { ...user, until: Date.now() + TYPING_TTL_MS }] : rest;
        });
      }
    };
    const connection = createRealtimeConnection({
      dispatch,
      path: versionSocketPath(versionId),
      resyncTags: ["Feedback", "Version"],
      // A room just opened has missed nothing when its stream has been quiet since: reading
      // the comments, the version and the version list again would only double the open.
      firstContact: "when-missed",
      onHello,
      onMessage,
      onStatusChange: setStatus,
      // The store's status is the notifications stream's; this room reports its own.
      reportStatus: false,
    });
    sendRef.current = (message) => connection.sendMessage(message);
    connection.start();
    return () => {
      sendRef.current = null;
      connection.stop();
      setViewers([]);
      setTyping([]);
    };
  }, [dispatch, versionId]);

  useEffect(() => {
    if (typing.length === 0) return;
    const timer = window.setTimeout(() => {
      setTyping((current) => current.filter((item) => item.until > Date.now()));
    }, 1_000);
    return () => window.clearTimeout(timer);
  }, [typing]);

  const sendPresence = useCallback((playhead: number, playing: boolean) => {
    sendRef.current?.({ type: "presence.update", playhead: Math.max(0, Math.round(playhead * 1000) / 1000), playing });
  }, []);
  const sendTyping = useCallback((on: boolean) => {
    sendRef.current?.({ type: "typing", on });
  }, []);

  return {
    status,
    viewers: viewers.filter((viewer) => viewer.id !== selfId),
    typing: typing.filter((item) => item.id !== selfId).map(({ id, display_name }) => ({ id, display_name })),
    sendPresence,
    sendTyping,
  };
}

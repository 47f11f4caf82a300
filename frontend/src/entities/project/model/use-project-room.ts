"use client";

import { useEffect, useState } from "react";

import { useAppDispatch, useRealtimeListeners } from "@/shared/lib/redux";
import { createRealtimeConnection } from "@/shared/ws";

import { setPresence } from "./cache";
import { registerProjectRealtime } from "./realtime";
import type { PresenceUser } from "./types";

export const projectSocketPath = (projectId: string) => `/ws/projects/${projectId}/`;

function presenceOf(list: unknown[] | undefined): PresenceUser[] {
  return (list ?? []).filter(
    (item): item is PresenceUser =>
      typeof item === "object" && item !== null && typeof (item as PresenceUser).id === "string",
  );
}

export interface ProjectRoom {
  /** Close code when the server refused the stream for good (4403 removed, 4404 gone). */
  closedCode: number | null;
}

/**
 * Join the project's live room while the page is open: events go into the
 * cache (the project listeners, started here), `hello` seeds who is viewing.
 */
export function useProjectRoom(projectId: string, enabled = true): ProjectRoom {
  const dispatch = useAppDispatch();
  useRealtimeListeners(registerProjectRealtime);
  const [closed, setClosed] = useState<{ projectId: string; code: number } | null>(null);

  useEffect(() => {
    if (!enabled) return;
    const connection = createRealtimeConnection({
      dispatch,
      path: projectSocketPath(projectId),
      resyncTags: ["Project", "Member", "Invitation", "Phase", "Activity"],
      // Read again on first contact only if the stream had an event since the data was requested.
      firstContact: "when-missed",
      reportStatus: false,
      onHello: (hello) => setPresence(dispatch, projectId, presenceOf(hello.presence)),
      onClosed: (code) => setClosed({ projectId, code }),
    });
    connection.start();
    return () => connection.stop();
  }, [dispatch, projectId, enabled]);

  return { closedCode: closed && closed.projectId === projectId ? closed.code : null };
}

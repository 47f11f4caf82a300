"use client";

import { useEffect } from "react";

import { useAppDispatch } from "@/shared/lib/redux";
import { createRealtimeConnection } from "@/shared/ws";

/**
 * The project's stream, while the review room is open: a new version of this
 * asset (version.created / ready) arrives there, not on the version's own
 * stream, and the version listener adds it to the switcher.
 */
export function useProjectEvents(projectId: string | null | undefined): void {
  const dispatch = useAppDispatch();
  useEffect(() => {
    if (!projectId) return;
    const connection = createRealtimeConnection({
      dispatch,
      path: `/ws/projects/${projectId}/`,
      resyncTags: ["Asset", "Version"],
      // Read again on first contact only if the stream had an event since the data was requested.
      firstContact: "when-missed",
      reportStatus: false,
    });
    connection.start();
    return () => connection.stop();
  }, [dispatch, projectId]);
}

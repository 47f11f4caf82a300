"use client";

import { useEffect } from "react";

import { useAppDispatch } from "@/shared/lib/redux";
import { createRealtimeConnection } from "@/shared/ws";

/**
 * While the assets page is open, listen to the project's stream: asset.* and
 * version.* (processing finished or failed, review status) reach the cache
 * through the version listener, so cards update without a reload.
 */
export function useProjectLive(projectId: string | null): void {
  const dispatch = useAppDispatch();
  useEffect(() => {
    if (!projectId) return;
    const connection = createRealtimeConnection({
      dispatch,
      path: `/ws/projects/${projectId}/`,
      resyncTags: ["Asset", "Version"],
      reportStatus: false,
    });
    connection.start();
    return () => connection.stop();
  }, [dispatch, projectId]);
}

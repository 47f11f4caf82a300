"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { useEffect } from "react";

import { useGetAssetQuery } from "@/entities/asset";
import { feedbackItems, registerFeedbackRealtime, useListFeedbackQuery } from "@/entities/feedback";
import { registerProjectRealtime, roleAllows, useGetProjectQuery, useListMembersQuery, type Member } from "@/entities/project";
import { useGetMeQuery } from "@/entities/user";
import {
  registerVersionRealtime,
  useGetVersionQuery,
  useListVersionsQuery,
  useVersionRoom,
  versionFps,
  type Version,
} from "@/entities/version";
import { routes } from "@/shared/config";
import { useRealtimeListeners } from "@/shared/lib/redux";

import { useProjectEvents } from "./use-project-events";

const NO_MEMBERS: Member[] = [];

export function pickVersion(versions: readonly Version[], wanted: string | null): Version | null {
  if (wanted) return versions.find((version) => version.id === wanted) ?? null;
  return versions.find((version) => version.status === "ready") ?? versions[0] ?? null;
}

/**
 * Everything the room shows, live: the asset, its project (my role) and members, the
 * version picked by the URL, its comments and its presence room.
 */
export function useReviewRoom(assetId: string) {
  const router = useRouter();
  const params = useSearchParams();
  const wantedVersion = params.get("version");
  const wantedFeedback = params.get("feedback");
  // Comments and versions change live; the project stream also says when my role or the members changed.
  useRealtimeListeners(registerFeedbackRealtime, registerVersionRealtime, registerProjectRealtime);

  const me = useGetMeQuery();
  const asset = useGetAssetQuery(assetId);
  const projectId = asset.data?.project_id;
  const project = useGetProjectQuery(projectId ?? "", { skip: !projectId });
  const members = useListMembersQuery(projectId ?? "", { skip: !projectId });
  useProjectEvents(projectId);
  const versions = useListVersionsQuery(assetId);
  const listed = pickVersion(versions.data ?? [], wantedVersion);
  const versionQuery = useGetVersionQuery(listed?.id ?? "", { skip: !listed });
  const version = versionQuery.data ?? listed;
  const versionId = version?.id ?? null;

  const feedback = useListFeedbackQuery(versionId ?? "", { skip: !versionId || version?.status !== "ready" });
  // The first page shows at once; the rest arrives in the background (see the comments column).
  const items = feedbackItems(feedback.data);
  const room = useVersionRoom(versionId, me.data?.id ?? null);

  // Pin the version in the URL once chosen, so a newer upload never swaps the picture under
  // someone mid-review (they get a "newer version" hint instead).
  const pickedId = listed?.id ?? null;
  useEffect(() => {
    if (wantedVersion || !pickedId) return;
    const query = new URLSearchParams({ version: pickedId, ...(wantedFeedback ? { feedback: wantedFeedback } : {}) });
    router.replace(`${routes.assetReview(assetId)}?${query.toString()}`, { scroll: false });
  }, [assetId, pickedId, router, wantedFeedback, wantedVersion]);

  const role = project.data?.my_role ?? null;
  return {
    me,
    asset,
    project,
    members: members.data ?? NO_MEMBERS,
    versions,
    version,
    refetchVersion: () => void versionQuery.refetch(),
    fps: versionFps(version),
    feedback,
    items,
    room,
    wantedFeedback,
    showVersion: (id: string) => router.replace(`${routes.assetReview(assetId)}?version=${id}`),
    can: {
      comment: roleAllows(role, "comment"),
      resolve: roleAllows(role, "resolve"),
      upload: roleAllows(role, "upload"),
      moderate: roleAllows(role, "manage"),
    },
  };
}

export type ReviewRoom = ReturnType<typeof useReviewRoom>;

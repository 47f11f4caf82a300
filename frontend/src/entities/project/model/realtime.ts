import { baseApi } from "@/shared/api";
import { defineRealtime, type ApiRootState, type AppThunkDispatch } from "@/shared/lib/redux";
import type { WsEvent } from "@/shared/ws";

import {
  mergeProject,
  prependActivity,
  updateCachedMembers,
  updateCachedPhases,
  updateCachedProject,
  updatePresence,
  upsertInvitation,
  upsertMember,
  upsertPhase,
} from "./cache";
import type { Activity, Invitation, Member, Phase, PresenceUser, Project } from "./types";

const STREAM_PREFIX = "project:";

/** The project id of a `project:<id>` stream, else null. */
export function projectIdOfStream(stream: string | null): string | null {
  return stream && stream.startsWith(STREAM_PREFIX) ? stream.slice(STREAM_PREFIX.length) : null;
}

interface ProjectEventData {
  project?: Partial<Project> & { id: string };
  member?: Member;
  invitation?: Invitation;
  phase?: Phase;
  phases?: Phase[];
  user?: PresenceUser;
  activity?: Activity;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/**
 * Apply one event of a project stream to the cache. Payloads are the same
 * serializers the REST API returns, so they replace cached rows as they are.
 */
export function applyProjectEvent(
  dispatch: AppThunkDispatch,
  state: ApiRootState,
  projectId: string,
  event: Pick<WsEvent, "type" | "data">,
): void {
  if (!isObject(event.data)) return;
  const data = event.data as ProjectEventData;

  switch (event.type) {
    case "project.updated":
      if (data.project) {
        const incoming = data.project;
        updateCachedProject(dispatch, state, projectId, (project) => mergeProject(project, incoming));
        dispatch(baseApi.util.invalidateTags([{ type: "Project", id: "LIST" }]));
      }
      break;
    case "project.deleted":
      dispatch(baseApi.util.invalidateTags([{ type: "Project", id: "LIST" }]));
      break;
    case "member.joined":
    case "member.role_changed":
      if (data.member) upsertMember(dispatch, projectId, data.member);
      // member_count and (if it was us) my_role come from the server.
      dispatch(baseApi.util.invalidateTags([{ type: "Project", id: projectId }]));
      break;
    case "member.left":
      if (data.member) {
        const leaving = data.member.user.id;
        updateCachedMembers(dispatch, projectId, (members) => members.filter((member) => member.user.id !== leaving));
      }
      dispatch(baseApi.util.invalidateTags([{ type: "Project", id: projectId }]));
      break;
    case "phase.created":
    case "phase.updated":
      if (data.phase) upsertPhase(dispatch, projectId, data.phase);
      break;
    case "phase.deleted":
      if (data.phase) {
        const gone = data.phase.id;
        updateCachedPhases(dispatch, projectId, (phases) => phases.filter((phase) => phase.id !== gone));
      }
      break;
    case "phase.reordered":
      if (data.phases) {
        const ordered = data.phases;
        updateCachedPhases(dispatch, projectId, () => [...ordered]);
      }
      break;
    case "presence.joined":
    case "presence.left":
      if (data.user) updatePresence(dispatch, projectId, data.user, event.type === "presence.joined");
      break;
    default:
      if (event.type.startsWith("invitation.") && data.invitation) {
        upsertInvitation(dispatch, projectId, data.invitation);
      }
  }

  if (data.activity) prependActivity(dispatch, projectId, data.activity);
}

/** Notifications (on the user's own stream) that change which projects I have, or my role. */
const PROJECT_NOTIFICATIONS = new Set([
  "project.member_added",
  "project.role_changed",
  "project.transferred",
  "invitation.accepted",
]);

/**
 * Outside a project page there is no project socket; the user's notification
 * stream still says when I was added or my role changed, so the lists refresh.
 */
export function applyProjectNotification(dispatch: AppThunkDispatch, event: Pick<WsEvent, "type" | "data">): void {
  if (event.type !== "notification.created" || !isObject(event.data)) return;
  const { verb, data } = event.data as { verb?: unknown; data?: unknown };
  if (typeof verb !== "string" || !PROJECT_NOTIFICATIONS.has(verb)) return;
  const projectId = isObject(data) && typeof data.project_id === "string" ? data.project_id : null;
  dispatch(
    baseApi.util.invalidateTags([
      { type: "Project", id: "LIST" },
      ...(projectId ? [{ type: "Project" as const, id: projectId }] : []),
    ]),
  );
}

/** Feed every `project:<id>` stream event from the socket into the cache. */
export const registerProjectRealtime = defineRealtime({
  onEvent: (event, { dispatch, getState }) => {
    const projectId = projectIdOfStream(event.stream);
    if (projectId) applyProjectEvent(dispatch, getState(), projectId, event);
    else applyProjectNotification(dispatch, event);
  },
});

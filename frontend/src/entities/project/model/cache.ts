import type { ApiRootState, AppThunkDispatch } from "@/shared/lib/redux";

import { projectApi } from "../api/project-api";
import type { Activity, Invitation, Member, Phase, PresenceUser, Project } from "./types";

/** Undo handle of an optimistic cache edit. */
export interface CachePatch {
  undo: () => void;
}

type Dispatch = AppThunkDispatch;

const byOrder = (a: Phase, b: Phase) => a.order - b.order || a.start.localeCompare(b.start);

/**
 * Apply `recipe` to the project wherever it is cached: its detail and every
 * list filter. Event payloads carry no `my_role`, so the caller's role stays.
 */
export function updateCachedProject(
  dispatch: Dispatch,
  state: ApiRootState,
  projectId: string,
  recipe: (project: Project) => void,
): CachePatch[] {
  const patches: CachePatch[] = [
    dispatch(
      projectApi.util.updateQueryData("getProject", projectId, (draft) => {
        recipe(draft);
      }),
    ),
  ];
  for (const arg of projectApi.util.selectCachedArgsForQuery(state, "listProjects")) {
    patches.push(
      dispatch(
        projectApi.util.updateQueryData("listProjects", arg, (draft) => {
          const found = draft.results.find((project) => project.id === projectId);
          if (found) recipe(found);
        }),
      ),
    );
  }
  return patches;
}

/** Copy a project from an event onto the cached one, keeping what events leave out. */
export function mergeProject(target: Project, incoming: Partial<Project>): void {
  const { my_role: _ignored, ...rest } = incoming;
  Object.assign(target, rest);
}

export function updateCachedPhases(
  dispatch: Dispatch,
  projectId: string,
  recipe: (phases: Phase[]) => Phase[] | void,
): CachePatch {
  return dispatch(
    projectApi.util.updateQueryData("listPhases", projectId, (draft) => {
      const next = recipe(draft);
      const list = next ?? draft;
      list.sort(byOrder);
      return next ? list : undefined;
    }),
  );
}

/** Insert or replace a phase, kept in order. */
export function upsertPhase(dispatch: Dispatch, projectId: string, phase: Phase): CachePatch {
  return updateCachedPhases(dispatch, projectId, (phases) => {
    const index = phases.findIndex((item) => item.id === phase.id);
    if (index >= 0) phases[index] = phase;
    else phases.push(phase);
  });
}

export function updateCachedMembers(
  dispatch: Dispatch,
  projectId: string,
  recipe: (members: Member[]) => Member[] | void,
): CachePatch {
  return dispatch(projectApi.util.updateQueryData("listMembers", projectId, recipe));
}

export function upsertMember(dispatch: Dispatch, projectId: string, member: Member): CachePatch {
  return updateCachedMembers(dispatch, projectId, (members) => {
    const index = members.findIndex((item) => item.user.id === member.user.id);
    if (index >= 0) members[index] = member;
    else members.push(member);
  });
}

export function upsertInvitation(dispatch: Dispatch, projectId: string, invitation: Invitation): CachePatch {
  return dispatch(
    projectApi.util.updateQueryData("listInvitations", projectId, (draft) => {
      const index = draft.findIndex((item) => item.id === invitation.id);
      if (index >= 0) draft[index] = invitation;
      else draft.unshift(invitation);
    }),
  );
}

/** A new timeline row goes on top of the first page, once. */
export function prependActivity(dispatch: Dispatch, projectId: string, activity: Activity): void {
  dispatch(
    projectApi.util.updateQueryData("listActivity", projectId, (draft) => {
      if (draft.pages.some((page) => page.results.some((item) => item.id === activity.id))) return;
      draft.pages[0]?.results.unshift(activity);
    }),
  );
}

export function setPresence(dispatch: Dispatch, projectId: string, users: PresenceUser[]): void {
  void dispatch(projectApi.util.upsertQueryData("projectPresence", projectId, users));
}

export function updatePresence(dispatch: Dispatch, projectId: string, user: PresenceUser, here: boolean): void {
  dispatch(
    projectApi.util.updateQueryData("projectPresence", projectId, (draft) => {
      const index = draft.findIndex((item) => item.id === user.id);
      if (here && index < 0) draft.push(user);
      if (!here && index >= 0) draft.splice(index, 1);
    }),
  );
}

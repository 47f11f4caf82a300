import { baseApi, type CursorPage } from "@/shared/api";

import type {
  Activity,
  Invitation,
  InvitationPreview,
  Member,
  PagedList,
  Phase,
  PresenceUser,
  Project,
  ProjectFilter,
} from "../model/types";

/** `next` is a full URL; the cursor is its `cursor` query parameter. */
export function activityCursor(next: string | null): string | undefined {
  if (!next) return undefined;
  try {
    return new URL(next, "http://placeholder").searchParams.get("cursor") ?? undefined;
  } catch {
    return undefined;
  }
}

/** Reads of the projects area; writes live in the features that make them. */
export const projectApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    listProjects: build.query<PagedList<Project>, ProjectFilter>({
      query: ({ status, search, ordering }) => ({
        url: "projects/",
        params: {
          status: status || undefined,
          search: search?.trim() || undefined,
          ordering: ordering || undefined,
          page_size: 100,
        },
      }),
      providesTags: (result) => [
        { type: "Project", id: "LIST" },
        ...(result?.results ?? []).map((project) => ({ type: "Project" as const, id: project.id })),
      ],
    }),
    getProject: build.query<Project, string>({
      query: (id) => `projects/${id}/`,
      providesTags: (_result, _error, id) => [{ type: "Project", id }],
    }),
    listMembers: build.query<Member[], string>({
      query: (projectId) => `projects/${projectId}/members/`,
      providesTags: (_result, _error, projectId) => [{ type: "Member", id: projectId }],
    }),
    listInvitations: build.query<Invitation[], string>({
      query: (projectId) => `projects/${projectId}/invitations/`,
      providesTags: (_result, _error, projectId) => [{ type: "Invitation", id: projectId }],
    }),
    listPhases: build.query<Phase[], string>({
      query: (projectId) => `projects/${projectId}/phases/`,
      providesTags: (_result, _error, projectId) => [{ type: "Phase", id: projectId }],
    }),
    listActivity: build.infiniteQuery<CursorPage<Activity>, string, string>({
      infiniteQueryOptions: {
        initialPageParam: "",
        getNextPageParam: (lastPage) => activityCursor(lastPage.next),
      },
      query: ({ queryArg, pageParam }) => ({
        url: `projects/${queryArg}/activity/`,
        params: { cursor: pageParam || undefined },
      }),
      providesTags: (_result, _error, projectId) => [{ type: "Activity", id: projectId }],
    }),
    getInvitationPreview: build.query<InvitationPreview, string>({
      query: (token) => `invitations/${encodeURIComponent(token)}/`,
      providesTags: (_result, _error, token) => [{ type: "Invitation", id: `token:${token}` }],
    }),
    /**
     * Who is viewing the project now. Not a REST resource: the project socket's
     * `hello` fills it and `presence.joined/left` events keep it current.
     */
    projectPresence: build.query<PresenceUser[], string>({
      queryFn: () => ({ data: [] }),
      keepUnusedDataFor: 0,
    }),
  }),
});

export const {
  useListProjectsQuery,
  useGetProjectQuery,
  useListMembersQuery,
  useListInvitationsQuery,
  useListPhasesQuery,
  useListActivityInfiniteQuery,
  useGetInvitationPreviewQuery,
  useProjectPresenceQuery,
} = projectApi;

import { updateCachedMembers, type Member, type Project, type Role } from "@/entities/project";
import { baseApi } from "@/shared/api";

/**
 * Membership writes. A role change shows at once and goes back if the server
 * refuses; removals wait for the server (they are confirmed first anyway).
 */
export const membersApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    changeMemberRole: build.mutation<Member, { projectId: string; userId: string; role: Role }>({
      query: ({ projectId, userId, role }) => ({
        url: `projects/${projectId}/members/${userId}/`,
        method: "PATCH",
        body: { role },
      }),
      async onQueryStarted({ projectId, userId, role }, { dispatch, queryFulfilled }) {
        const optimistic = updateCachedMembers(dispatch, projectId, (members) =>
          members.map((item) => (item.user.id === userId ? { ...item, role } : item)),
        );
        try {
          const { data } = await queryFulfilled;
          updateCachedMembers(dispatch, projectId, (members) => {
            const index = members.findIndex((item) => item.user.id === userId);
            if (index >= 0) members[index] = data;
          });
        } catch {
          optimistic.undo();
        }
      },
      invalidatesTags: (_result, _error, { projectId }) => [{ type: "Project", id: projectId }],
    }),
    removeMember: build.mutation<void, { projectId: string; userId: string }>({
      query: ({ projectId, userId }) => ({ url: `projects/${projectId}/members/${userId}/`, method: "DELETE" }),
      async onQueryStarted({ projectId, userId }, { dispatch, queryFulfilled }) {
        try {
          await queryFulfilled;
          updateCachedMembers(dispatch, projectId, (members) => members.filter((member) => member.user.id !== userId));
        } catch {
          // The caller shows the error.
        }
      },
    }),
    transferOwnership: build.mutation<Project, { projectId: string; userId: string }>({
      query: ({ projectId, userId }) => ({
        url: `projects/${projectId}/transfer/`,
        method: "POST",
        body: { user_id: userId },
      }),
      invalidatesTags: (_result, _error, { projectId }) => [
        { type: "Project", id: projectId },
        { type: "Member", id: projectId },
      ],
    }),
  }),
});

export const { useChangeMemberRoleMutation, useRemoveMemberMutation, useTransferOwnershipMutation } = membersApi;

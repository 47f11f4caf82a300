import { upsertInvitation, type Invitation, type Role } from "@/entities/project";
import { baseApi } from "@/shared/api";

export const invitationsApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    createInvitation: build.mutation<Invitation, { projectId: string; email: string; role: Role }>({
      query: ({ projectId, email, role }) => ({
        url: `projects/${projectId}/invitations/`,
        method: "POST",
        body: { email, role },
      }),
      async onQueryStarted({ projectId }, { dispatch, queryFulfilled }) {
        try {
          const { data } = await queryFulfilled;
          upsertInvitation(dispatch, projectId, data);
          // Re-inviting revokes the earlier pending one on the server.
          dispatch(baseApi.util.invalidateTags([{ type: "Invitation", id: projectId }]));
        } catch {
          // The form shows the error.
        }
      },
    }),
    revokeInvitation: build.mutation<void, { projectId: string; invitation: Invitation }>({
      query: ({ projectId, invitation }) => ({
        url: `projects/${projectId}/invitations/${invitation.id}/`,
        method: "DELETE",
      }),
      async onQueryStarted({ projectId, invitation }, { dispatch, queryFulfilled }) {
        const optimistic = upsertInvitation(dispatch, projectId, {
          ...invitation,
          state: "revoked",
          revoked_at: new Date().toISOString(),
        });
        try {
          await queryFulfilled;
        } catch {
          optimistic.undo();
        }
      },
    }),
  }),
});

export const { useCreateInvitationMutation, useRevokeInvitationMutation } = invitationsApi;

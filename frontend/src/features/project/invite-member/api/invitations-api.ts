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
          // An expired invitation to the same address is closed on the server.
          dispatch(baseApi.util.invalidateTags([{ type: "Invitation", id: projectId }]));
        } catch {
          // The form shows the error.
        }
      },
    }),
    /** Resend or change a pending invitation, explicitly (the server refuses a silent
     * re-invite with `already_invited`): revoke it, then invite again with `role`. */
    replaceInvitation: build.mutation<Invitation, { projectId: string; invitationId: string; email: string; role: Role }>({
      async queryFn({ projectId, invitationId, email, role }, _api, _extra, baseQuery) {
        const revoked = await baseQuery({ url: `projects/${projectId}/invitations/${invitationId}/`, method: "DELETE" });
        if (revoked.error) return { error: revoked.error };
        const created = await baseQuery({ url: `projects/${projectId}/invitations/`, method: "POST", body: { email, role } });
        return created.error ? { error: created.error } : { data: created.data as Invitation };
      },
      invalidatesTags: (_result, _error, { projectId }) => [{ type: "Invitation", id: projectId }],
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

export const { useCreateInvitationMutation, useReplaceInvitationMutation, useRevokeInvitationMutation } = invitationsApi;

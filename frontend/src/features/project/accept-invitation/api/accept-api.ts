import type { Project } from "@/entities/project";
import { baseApi } from "@/shared/api";

export const acceptInvitationApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    acceptInvitation: build.mutation<Project, string>({
      query: (token) => ({ url: `invitations/${encodeURIComponent(token)}/accept/`, method: "POST" }),
      invalidatesTags: (_result, _error, token) => [
        { type: "Project", id: "LIST" },
        { type: "Invitation", id: `token:${token}` },
      ],
    }),
  }),
});

export const { useAcceptInvitationMutation } = acceptInvitationApi;

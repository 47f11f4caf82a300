import { baseApi, setTokens, type AuthTokens } from "@/shared/api";

export const changePasswordApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    /** Every session's tokens are revoked, this one's too: the answer is this session's new pair. */
    changePassword: build.mutation<AuthTokens, { old_password: string; new_password: string }>({
      query: (body) => ({ url: "auth/password/change/", method: "POST", body }),
      async onQueryStarted(_args, { queryFulfilled }) {
        try {
          setTokens((await queryFulfilled).data);
        } catch {
          // The form shows the error; the tokens are unchanged.
        }
      },
    }),
  }),
});

export const { useChangePasswordMutation } = changePasswordApi;

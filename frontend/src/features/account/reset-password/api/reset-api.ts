import { baseApi } from "@/shared/api";

export interface ResetConfirmInput {
  uid: string;
  token: string;
  new_password: string;
}

export const resetPasswordApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    requestPasswordReset: build.mutation<void, { email: string }>({
      query: (body) => ({ url: "auth/password/reset/", method: "POST", body }),
    }),
    confirmPasswordReset: build.mutation<void, ResetConfirmInput>({
      query: (body) => ({ url: "auth/password/reset/confirm/", method: "POST", body }),
    }),
  }),
});

export const { useRequestPasswordResetMutation, useConfirmPasswordResetMutation } = resetPasswordApi;

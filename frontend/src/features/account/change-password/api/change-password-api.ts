import { baseApi } from "@/shared/api";

export const changePasswordApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    changePassword: build.mutation<void, { old_password: string; new_password: string }>({
      query: (body) => ({ url: "auth/password/change/", method: "POST", body }),
    }),
  }),
});

export const { useChangePasswordMutation } = changePasswordApi;

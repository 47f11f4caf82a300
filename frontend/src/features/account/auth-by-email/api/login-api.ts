import { startSession, type AuthResponse } from "@/entities/user";
import { baseApi } from "@/shared/api";

export interface LoginInput {
  email: string;
  password: string;
}

export const loginApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    login: build.mutation<AuthResponse, LoginInput>({
      query: (body) => ({ url: "auth/login/", method: "POST", body }),
      async onQueryStarted(_input, { dispatch, queryFulfilled }) {
        try {
          const { data } = await queryFulfilled;
          startSession(dispatch, data);
        } catch {
          // The form shows the error.
        }
      },
    }),
  }),
});

export const { useLoginMutation } = loginApi;

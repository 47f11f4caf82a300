import { startSession, type AuthResponse } from "@/entities/user";
import { baseApi } from "@/shared/api";
import type { AppLocale } from "@/shared/i18n";

export interface RegisterInput {
  email: string;
  password: string;
  display_name: string;
  locale?: AppLocale;
}

export const registerApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    register: build.mutation<AuthResponse, RegisterInput>({
      query: (body) => ({ url: "auth/register/", method: "POST", body }),
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

export const { useRegisterMutation } = registerApi;

import { startSession, type AuthResponse } from "@/entities/user";
import { baseApi } from "@/shared/api";

import { deviceTokenFor, rememberDeviceToken } from "../model/device-token";

export interface LoginInput {
  email: string;
  password: string;
}

export const loginApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    login: build.mutation<AuthResponse, LoginInput>({
      query: ({ email, password }) => {
        const deviceToken = deviceTokenFor(email);
        return {
          url: "auth/login/",
          method: "POST",
          body: deviceToken ? { email, password, device_token: deviceToken } : { email, password },
        };
      },
      async onQueryStarted({ email }, { dispatch, queryFulfilled }) {
        try {
          const { data } = await queryFulfilled;
          rememberDeviceToken(email, data.device_token);
          startSession(dispatch, data);
        } catch {
          // The form shows the error.
        }
      },
    }),
  }),
});

export const { useLoginMutation } = loginApi;

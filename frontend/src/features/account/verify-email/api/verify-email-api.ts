import { baseApi, type Schemas } from "@/shared/api";

/** What sign-up and "send the link again" answer, whatever the address. */
export type CheckYourEmail = Schemas["CheckYourEmailOut"];
export type EmailVerified = Schemas["VerifyEmailOutput"];

export const verifyEmailApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    verifyEmail: build.mutation<EmailVerified, { token: string; password: string }>({
      query: (body) => ({ url: "auth/verify-email/", method: "POST", body }),
    }),
    resendVerification: build.mutation<CheckYourEmail, { email: string }>({
      query: (body) => ({ url: "auth/verify-email/resend/", method: "POST", body }),
    }),
  }),
});

export const { useVerifyEmailMutation, useResendVerificationMutation } = verifyEmailApi;

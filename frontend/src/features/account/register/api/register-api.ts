import { baseApi, type Schemas } from "@/shared/api";
import type { AppLocale } from "@/shared/i18n";

export interface RegisterInput {
  email: string;
  password: string;
  display_name: string;
  locale?: AppLocale;
}

/** The same answer for every address (new or taken): nobody is signed in until the
 * address is verified through the link the server e-mails. */
export type RegisterAnswer = Schemas["CheckYourEmailOut"];

export const registerApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    register: build.mutation<RegisterAnswer, RegisterInput>({
      query: (body) => ({ url: "auth/register/", method: "POST", body }),
    }),
  }),
});

export const { useRegisterMutation } = registerApi;

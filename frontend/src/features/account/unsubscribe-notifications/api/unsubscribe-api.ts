import { baseApi, type Schemas } from "@/shared/api";

export type UnsubscribeLink = Schemas["NotificationUnsubscribeOut"];

/** The signed link of a notification e-mail: no sign-in needed (the token is the credential). */
export const unsubscribeApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    getUnsubscribeLink: build.query<UnsubscribeLink, string>({
      query: (token) => `notifications/unsubscribe/${encodeURIComponent(token)}/`,
    }),
    unsubscribe: build.mutation<UnsubscribeLink, string>({
      query: (token) => ({ url: `notifications/unsubscribe/${encodeURIComponent(token)}/`, method: "POST" }),
    }),
  }),
});

export const { useGetUnsubscribeLinkQuery, useUnsubscribeMutation } = unsubscribeApi;

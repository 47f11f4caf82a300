import { baseApi, type Schemas } from "@/shared/api";

export type NotificationPreferences = Schemas["NotificationPreferencesOut"];
export type NotificationPreferencesInput = Schemas["NotificationPreferencesInput"];

export const preferencesApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    getNotificationPreferences: build.query<NotificationPreferences, void>({
      query: () => "notifications/preferences/",
    }),
    /** The answer (every kind's mode) replaces the cached settings. */
    updateNotificationPreferences: build.mutation<NotificationPreferences, NotificationPreferencesInput>({
      query: (body) => ({ url: "notifications/preferences/", method: "PUT", body }),
      async onQueryStarted(_args, { dispatch, queryFulfilled }) {
        try {
          const { data } = await queryFulfilled;
          dispatch(preferencesApi.util.upsertQueryData("getNotificationPreferences", undefined, data));
        } catch {
          // The form shows the error; the cache keeps what the server last said.
        }
      },
    }),
  }),
});

export const { useGetNotificationPreferencesQuery, useUpdateNotificationPreferencesMutation } = preferencesApi;

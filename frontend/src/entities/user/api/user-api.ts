import { baseApi } from "@/shared/api";

import type { User, UserUpdate } from "../model/types";

export const userApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    getMe: build.query<User, void>({
      query: () => "users/me/",
      providesTags: ["Me"],
    }),
    updateMe: build.mutation<User, UserUpdate>({
      query: (body) => ({ url: "users/me/", method: "PATCH", body }),
      async onQueryStarted(_patch, { dispatch, queryFulfilled }) {
        try {
          const { data } = await queryFulfilled;
          dispatch(userApi.util.upsertQueryData("getMe", undefined, data));
        } catch {
          // The caller shows the error; the cache keeps the server's truth.
        }
      },
    }),
  }),
});

export const { useGetMeQuery, useUpdateMeMutation } = userApi;

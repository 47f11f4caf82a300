import { baseApi } from "@/shared/api";

export const logoutEverywhereApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    logoutEverywhere: build.mutation<void, void>({
      query: () => ({ url: "auth/logout-all/", method: "POST" }),
    }),
  }),
});

export const { useLogoutEverywhereMutation } = logoutEverywhereApi;

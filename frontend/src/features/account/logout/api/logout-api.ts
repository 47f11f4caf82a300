import { baseApi } from "@/shared/api";

export const logoutApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    logout: build.mutation<void, { refresh: string }>({
      query: (body) => ({ url: "auth/logout/", method: "POST", body }),
    }),
  }),
});

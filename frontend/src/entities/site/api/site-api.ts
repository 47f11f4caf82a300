import { baseApi } from "@/shared/api";

import type { Site, SiteCreate, SitePage } from "../model/types";

/** Every site on one page: a staff dashboard has a handful, the server caps a page at 100. */
const SITE_PAGE_SIZE = 100;

export const siteApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    listSites: build.query<Site[], void>({
      query: () => ({ url: "monitoring/sites/", params: { page_size: SITE_PAGE_SIZE } }),
      transformResponse: (page: SitePage) => page.results,
      providesTags: (sites) => [
        { type: "Site", id: "LIST" },
        ...(sites ?? []).map((site) => ({ type: "Site" as const, id: site.id })),
      ],
    }),
    createSite: build.mutation<Site, SiteCreate>({
      query: (body) => ({ url: "monitoring/sites/", method: "POST", body }),
      invalidatesTags: [{ type: "Site", id: "LIST" }],
    }),
  }),
});

export const { useListSitesQuery, useCreateSiteMutation } = siteApi;

import { baseApi } from "@/shared/api";

import type { Site, SiteCreate, SitePage, SiteUpdate } from "../model/types";

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
    /** Name, allowed origins or retention; origins take effect for the next batch. */
    updateSite: build.mutation<Site, SiteUpdate>({
      query: ({ id, ...body }) => ({ url: `monitoring/sites/${id}/`, method: "PATCH", body }),
      invalidatesTags: (_site, _error, { id }) => [{ type: "Site", id }],
    }),
    /** A new public key; the old one stops working at once. */
    rotateSiteKey: build.mutation<Site, string>({
      query: (id) => ({ url: `monitoring/sites/${id}/rotate-key/`, method: "POST" }),
      invalidatesTags: (_site, _error, id) => [{ type: "Site", id }],
    }),
    /** The site goes with its sessions, events and rollups. */
    deleteSite: build.mutation<void, string>({
      query: (id) => ({ url: `monitoring/sites/${id}/`, method: "DELETE" }),
      invalidatesTags: [{ type: "Site", id: "LIST" }],
    }),
  }),
});

export const {
  useListSitesQuery,
  useCreateSiteMutation,
  useUpdateSiteMutation,
  useRotateSiteKeyMutation,
  useDeleteSiteMutation,
} = siteApi;

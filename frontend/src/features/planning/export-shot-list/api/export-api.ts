import { baseApi } from "@/shared/api";

export interface ShotListCsv {
  text: string;
  filename: string;
}

function filenameOf(disposition: string | null | undefined, fallback: string): string {
  const match = disposition?.match(/filename="?([^";]+)"?/);
  return match?.[1] ?? fallback;
}

export const exportApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    // A mutation, not a query: it runs on click and is never cached. Through the base
    // query, so the download is authenticated and refreshes an expired token like any call.
    exportShotList: build.mutation<ShotListCsv, { planId: string; revision: number }>({
      query: ({ planId }) => ({
        url: `plans/${planId}/export/`,
        params: { format: "csv" },
        headers: { Accept: "text/csv, application/json" },
        responseHandler: "content-type",
      }),
      transformResponse: (text: string, meta, { planId, revision }) => ({
        text,
        // The server's name when CORS exposes it, else the same pattern built here.
        filename: filenameOf(meta?.response?.headers.get("content-disposition"), `shot-list-${planId}-r${revision}.csv`),
      }),
    }),
  }),
});

export const { useExportShotListMutation } = exportApi;

import { baseApi } from "@/shared/api";
import { fileNameFrom } from "@/shared/lib/download";

export interface ShotListCsv {
  text: string;
  filename: string;
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
      transformResponse: (text: string, meta, { revision }) => ({
        text,
        // The server's name (the brief's title, in the reader's language) when CORS exposes it.
        filename: fileNameFrom(meta?.response?.headers.get("content-disposition"), `shot-list-r${revision}.csv`),
      }),
    }),
  }),
});

export const { useExportShotListMutation } = exportApi;

import { baseApi } from "@/shared/api";

import type { AIJob, AISettings, AISettingsInput, AIUsage, JobFilter, JobPage } from "../model/types";

export interface JobListArgs extends JobFilter {
  projectId: string;
}

export const aiJobApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    listAIJobs: build.query<JobPage, JobListArgs>({
      query: ({ projectId, status, kind }) => ({
        url: `projects/${projectId}/ai-jobs/`,
        params: { status: status || undefined, kind: kind || undefined, page_size: 50 },
      }),
      providesTags: [{ type: "AIJob", id: "LIST" }],
    }),
    getAIUsage: build.query<AIUsage, string>({
      query: (projectId) => `projects/${projectId}/ai-usage/`,
      providesTags: (_result, _error, projectId) => [{ type: "AIUsage", id: projectId }],
    }),
    getAISettings: build.query<AISettings, string>({
      query: (projectId) => `projects/${projectId}/ai-settings/`,
      providesTags: (_result, _error, projectId) => [{ type: "AISettings", id: projectId }],
    }),
    updateAISettings: build.mutation<AISettings, { projectId: string; body: AISettingsInput }>({
      query: ({ projectId, body }) => ({ url: `projects/${projectId}/ai-settings/`, method: "PATCH", body }),
      async onQueryStarted({ projectId }, { dispatch, queryFulfilled }) {
        try {
          const { data } = await queryFulfilled;
          dispatch(aiJobApi.util.upsertQueryData("getAISettings", projectId, data));
        } catch {
          // The form shows the error.
        }
      },
      // The budget moves the usage page's line.
      invalidatesTags: (_result, error, { projectId }) => (error ? [] : [{ type: "AIUsage", id: projectId }]),
    }),
    approveAIJob: build.mutation<AIJob, string>({
      query: (id) => ({ url: `ai-jobs/${id}/approve/`, method: "POST" }),
      invalidatesTags: [{ type: "AIJob", id: "LIST" }],
    }),
    rejectAIJob: build.mutation<AIJob, { id: string; reason?: string }>({
      query: ({ id, reason }) => ({ url: `ai-jobs/${id}/reject/`, method: "POST", body: reason ? { reason } : {} }),
      invalidatesTags: [{ type: "AIJob", id: "LIST" }],
    }),
    retryAIJob: build.mutation<AIJob, string>({
      query: (id) => ({ url: `ai-jobs/${id}/retry/`, method: "POST" }),
      invalidatesTags: [{ type: "AIJob", id: "LIST" }],
    }),
  }),
});

export const {
  useListAIJobsQuery,
  useGetAIUsageQuery,
  useGetAISettingsQuery,
  useUpdateAISettingsMutation,
  useApproveAIJobMutation,
  useRejectAIJobMutation,
  useRetryAIJobMutation,
} = aiJobApi;

import type { AIJob } from "@/entities/ai-job";
import { briefPlansTag } from "@/entities/plan";
import { baseApi } from "@/shared/api";

export const generateApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    generatePlan: build.mutation<AIJob, string>({
      query: (briefId) => ({ url: `briefs/${briefId}/plans/`, method: "POST" }),
      invalidatesTags: (_result, error, briefId) =>
        error ? [] : [briefPlansTag(briefId), { type: "AIJob", id: "LIST" }],
    }),
    regeneratePlanSection: build.mutation<AIJob, { planId: string; section: string }>({
      query: ({ planId, section }) => ({ url: `plans/${planId}/regenerate/`, method: "POST", body: { section } }),
      invalidatesTags: (_result, error, { planId }) =>
        error ? [] : [{ type: "Plan", id: planId }, { type: "AIJob", id: "LIST" }],
    }),
  }),
});

export const { useGeneratePlanMutation, useRegeneratePlanSectionMutation } = generateApi;

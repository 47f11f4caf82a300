import { updateCachedPhases, upsertPhase, type CachePatch, type Phase, type PhaseInput } from "@/entities/project";
import { baseApi } from "@/shared/api";

interface PhaseCreate {
  projectId: string;
  body: Required<PhaseInput>;
}

interface PhaseUpdate {
  projectId: string;
  id: string;
  patch: PhaseInput;
}

/**
 * Phase writes. Moves, edits, deletes and reorders show at once in the cached
 * schedule and go back if the server refuses; the caller shows the failure.
 */
export const phasesApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    createPhase: build.mutation<Phase, PhaseCreate>({
      query: ({ projectId, body }) => ({ url: `projects/${projectId}/phases/`, method: "POST", body }),
      async onQueryStarted({ projectId }, { dispatch, queryFulfilled }) {
        try {
          const { data } = await queryFulfilled;
          upsertPhase(dispatch, projectId, data);
        } catch {
          // Nothing was shown early; the form shows the error.
        }
      },
    }),
    updatePhase: build.mutation<Phase, PhaseUpdate>({
      query: ({ id, patch }) => ({ url: `phases/${id}/`, method: "PATCH", body: patch }),
      async onQueryStarted({ projectId, id, patch }, { dispatch, queryFulfilled }) {
        const optimistic: CachePatch = updateCachedPhases(dispatch, projectId, (phases) => {
          const phase = phases.find((item) => item.id === id);
          if (phase) Object.assign(phase, patch);
        });
        try {
          const { data } = await queryFulfilled;
          upsertPhase(dispatch, projectId, data);
        } catch {
          optimistic.undo();
        }
      },
    }),
    deletePhase: build.mutation<void, { projectId: string; id: string }>({
      query: ({ id }) => ({ url: `phases/${id}/`, method: "DELETE" }),
      async onQueryStarted({ projectId, id }, { dispatch, queryFulfilled }) {
        const optimistic = updateCachedPhases(dispatch, projectId, (phases) => phases.filter((phase) => phase.id !== id));
        try {
          await queryFulfilled;
        } catch {
          optimistic.undo();
        }
      },
    }),
    reorderPhases: build.mutation<Phase[], { projectId: string; ids: string[] }>({
      query: ({ projectId, ids }) => ({ url: `projects/${projectId}/phases/reorder/`, method: "POST", body: { ids } }),
      async onQueryStarted({ projectId, ids }, { dispatch, queryFulfilled }) {
        const optimistic = updateCachedPhases(dispatch, projectId, (phases) =>
          phases.map((phase) => ({ ...phase, order: ids.indexOf(phase.id) + 1 })),
        );
        try {
          const { data } = await queryFulfilled;
          updateCachedPhases(dispatch, projectId, () => data);
        } catch {
          optimistic.undo();
        }
      },
    }),
  }),
});

export const { useCreatePhaseMutation, useUpdatePhaseMutation, useDeletePhaseMutation, useReorderPhasesMutation } =
  phasesApi;

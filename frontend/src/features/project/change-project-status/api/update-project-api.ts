import { updateCachedProject, type CachePatch, type Project, type ProjectInput } from "@/entities/project";
import { baseApi } from "@/shared/api";
import type { ApiRootState } from "@/shared/lib/redux";

/**
 * PATCH a project. The cached project changes at once and goes back if the
 * server refuses; the caller shows the failure.
 */
export const updateProjectApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    updateProject: build.mutation<Project, { id: string; patch: ProjectInput }>({
      query: ({ id, patch }) => ({ url: `projects/${id}/`, method: "PATCH", body: patch }),
      async onQueryStarted({ id, patch }, { dispatch, getState, queryFulfilled }) {
        const patches: CachePatch[] = updateCachedProject(dispatch, getState() as ApiRootState, id, (project) => {
          Object.assign(project, patch);
        });
        try {
          const { data } = await queryFulfilled;
          updateCachedProject(dispatch, getState() as ApiRootState, id, (project) => {
            Object.assign(project, data);
          });
        } catch {
          patches.forEach((handle) => handle.undo());
        }
      },
    }),
  }),
});

export const { useUpdateProjectMutation } = updateProjectApi;

import type { Project, ProjectInput } from "@/entities/project";
import { baseApi } from "@/shared/api";

export const createProjectApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    createProject: build.mutation<Project, ProjectInput & { name: string }>({
      query: (body) => ({ url: "projects/", method: "POST", body }),
      invalidatesTags: [{ type: "Project", id: "LIST" }],
    }),
  }),
});

export const { useCreateProjectMutation } = createProjectApi;

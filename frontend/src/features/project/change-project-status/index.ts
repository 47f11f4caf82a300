export { updateProjectApi, useUpdateProjectMutation } from "./api/update-project-api";
export { ProjectStatusControl } from "./ui/project-status-control";

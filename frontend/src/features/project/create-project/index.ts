export { useCreateProjectMutation } from "./api/create-project-api";
export { validateCreateProject, PROJECT_NAME_MAX, type CreateProjectValues } from "./model/validate";
export { CreateProjectDialog, type CreateProjectDialogProps } from "./ui/create-project-dialog";

export { ProjectAiJobsPage } from "./ui/project-ai-jobs-page";

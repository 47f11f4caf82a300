export { ProjectsPage as default } from "@/views/projects";

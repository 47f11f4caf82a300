export { ProjectOverviewPage as default } from "@/views/project-overview";

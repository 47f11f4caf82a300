export { ProjectOverviewPage } from "./ui/project-overview-page";

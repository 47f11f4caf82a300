export { ProjectPlanningPage } from "./ui/project-planning-page";

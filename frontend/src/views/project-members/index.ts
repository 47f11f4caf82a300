export { ProjectMembersPage } from "./ui/project-members-page";

export { ProjectMembers, type ProjectMembersProps } from "./ui/project-members";

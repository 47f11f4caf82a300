export { ProjectMembersPage as default } from "@/views/project-members";

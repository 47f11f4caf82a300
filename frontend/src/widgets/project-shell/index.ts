export { ProjectShell, type ProjectShellProps } from "./ui/project-shell";

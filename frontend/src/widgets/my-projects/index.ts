export { MyProjects } from "./ui/my-projects";

export { ProjectAssetsPage } from "./ui/project-assets-page";

export { TemplatesTab } from "./ui/templates-tab";

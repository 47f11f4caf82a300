export { ExportButtons } from "./ui/export-buttons";

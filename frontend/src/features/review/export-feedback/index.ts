export { ExportButtons, fileNameFrom } from "./ui/export-buttons";

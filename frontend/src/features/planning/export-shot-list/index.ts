export { exportApi, useExportShotListMutation, type ShotListCsv } from "./api/export-api";
export { ExportShotListButton } from "./ui/export-shot-list-button";

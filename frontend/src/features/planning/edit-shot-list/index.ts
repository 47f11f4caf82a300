export { ShotListTable, type ShotListTableProps } from "./ui/shot-list-table";
export { applyDraft, nextSort, sortShots, validateDraft, type ShotDraft, type ShotSort } from "./model/shots";

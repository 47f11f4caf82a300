/**
 * Operations reports (`/api/v1/monitoring/reports/…`): the generated shapes, with the
 * section rows refined from bare JSON to the cell values they hold.
 */
import type { Refine, Schemas } from "@/shared/api";

export type ReportKind = Schemas["OpsReportBriefOut"]["kind"];
export type ReportStatus = Schemas["OpsReportBriefOut"]["status"];
export type ReportBrief = Schemas["OpsReportBriefOut"];

/** A cell: a number, a text (host, rule, an ISO time) or nothing ("—"). */
export type ReportCell = number | string | null;

export type ReportColumn = Schemas["ReportColumnOut"];
export type ReportSection = Refine<
  Schemas["ReportSectionOut"],
  { rows: Array<Record<string, ReportCell>>; totals: Record<string, ReportCell> }
>;
export type ReportData = Refine<Schemas["ReportDataOut"], { sections: ReportSection[] }>;
export type Report = Refine<Schemas["OpsReportOut"], { data: ReportData | null }>;

export interface ReportRequest {
  kind: ReportKind;
  period_start?: string;
  regenerate?: boolean;
}

export interface ReportCsv {
  text: string;
  filename: string;
}

/** A report still being built: poll it. */
export function reportInProgress(status: ReportStatus): boolean {
  return status === "pending" || status === "building";
}

"use client";

import { useState } from "react";

import {
  consoleStyles as styles,
  reportInProgress,
  type ReportBrief,
  type ReportKind,
  useDownloadReportCsvMutation,
  useGetReportQuery,
  useListReportsQuery,
  useRequestReportMutation,
  useSendReportMutation,
} from "@/entities/monitoring";
import { asApiError } from "@/shared/api";
import { useApiErrorText } from "@/shared/lib/errors";
import { useFormatter, useTranslations } from "@/shared/i18n";
import { Badge, Button, Card, cx, EmptyState, Skeleton, TextField, useToast } from "@/shared/ui";

import { ReportSections } from "./report-sections";

const POLL_MS = 2_000;

/** Save a text as a file through a temporary object URL (the BOM lets Excel read Hangul). */
function saveFile(text: string, filename: string): void {
  const blob = new Blob([`\ufeff${text}`], { type: "text/csv;charset=utf-8" });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

function StatusBadge({ status }: { status: ReportBrief["status"] }) {
  const t = useTranslations("monitoringReports");
  const tone = status === "ready" ? "accent" : status === "failed" ? "danger" : "neutral";
  return (
    <Badge tone={tone} data-testid="report-status">
      {t(`statuses.${status}`)}
    </Badge>
  );
}

function usePeriod() {
  const t = useTranslations("monitoringReports");
  const format = useFormatter();
  return (report: Pick<ReportBrief, "period_start" | "period_end">) =>
    t("period", {
      start: format.dateTime(new Date(`${report.period_start}T00:00:00Z`), { dateStyle: "medium", timeZone: "UTC" }),
      end: format.dateTime(new Date(`${report.period_end}T00:00:00Z`), { dateStyle: "medium", timeZone: "UTC" }),
    });
}

function ReportDetail({ id, onBuilt }: { id: string; onBuilt: () => void }) {
  const t = useTranslations("monitoringReports");
  const tm = useTranslations("monitoring");
  const format = useFormatter();
  const period = usePeriod();
  const errorText = useApiErrorText();
  const toast = useToast();
  const [polling, setPolling] = useState(false);
  const report = useGetReportQuery(id, { pollingInterval: polling ? POLL_MS : 0 });
  const [download, downloading] = useDownloadReportCsvMutation();
  const [send, sending] = useSendReportMutation();
  const [rebuild, rebuilding] = useRequestReportMutation();

  const inProgress = report.data ? reportInProgress(report.data.status) : false;
  if (inProgress !== polling) {
    setPolling(inProgress);
    // Built (or failed): the list shows the new status at once, not at its next poll.
    if (!inProgress) onBuilt();
  }

  if (report.isLoading) return <Skeleton height={240} />;
  if (report.error || !report.data) {
    return <EmptyState tone="error" title={tm("loadError")} body={report.error ? errorText(asApiError(report.error)) : undefined} />;
  }
  const data = report.data;
  const fail = (error: unknown) => toast.show({ tone: "error", message: errorText(asApiError(error)) });

  const onDownload = async () => {
    try {
      const file = await download({ id, fallbackName: `videoplanet-${data.kind}-report-${data.period_start}_${data.period_end}.csv` }).unwrap();
      saveFile(file.text, file.filename);
    } catch (error) {
      fail(error);
    }
  };
  const onSend = async () => {
    try {
      const { recipients } = await send(id).unwrap();
      toast.show({ tone: "success", message: t("sent", { count: recipients }) });
    } catch (error) {
      fail(error);
    }
  };
  const onRebuild = async () => {
    try {
      await rebuild({ kind: data.kind, period_start: data.period_start, regenerate: true }).unwrap();
      setPolling(true);
    } catch (error) {
      fail(error);
    }
  };

  return (
    <div className={styles.stack} data-testid="report-detail">
      <Card
        title={`${t(`kinds.${data.kind}`)} · ${period(data)}`}
        description={
          <>
            <StatusBadge status={data.status} />{" "}
            {data.generated_at ? t("generatedAt", { time: format.dateTime(new Date(data.generated_at), { dateStyle: "medium", timeStyle: "short" }) }) : null}
            {" · "}
            {data.emailed_at ? t("emailedAt", { time: format.dateTime(new Date(data.emailed_at), { dateStyle: "medium", timeStyle: "short" }) }) : t("notEmailed")}
          </>
        }
        actions={
          <div className={styles.toolbar}>
            <Button size="sm" onClick={onDownload} loading={downloading.isLoading} disabled={data.status !== "ready"}>
              {t("downloadCsv")}
            </Button>
            <Button size="sm" onClick={onSend} loading={sending.isLoading} disabled={data.status !== "ready"}>
              {t("sendEmail")}
            </Button>
            <Button size="sm" variant="ghost" onClick={onRebuild} loading={rebuilding.isLoading} disabled={inProgress}>
              {t("regenerate")}
            </Button>
          </div>
        }
      >
        {inProgress ? <p className={styles.muted}>{t("building")}</p> : null}
        {data.status === "failed" ? <p className={styles.bad}>{t("failed", { error: data.error })}</p> : null}
        {data.data?.partial ? <p className={styles.muted}>{t("partial")}</p> : null}
      </Card>
      {data.status === "ready" && data.data ? <ReportSections sections={data.data.sections} /> : null}
    </div>
  );
}

/** Weekly and monthly operations reports: generate, follow the build, read, download, e-mail. */
export function ReportsTab({ initialReportId = null }: { initialReportId?: string | null }) {
  const t = useTranslations("monitoringReports");
  const tm = useTranslations("monitoring");
  const format = useFormatter();
  const period = usePeriod();
  const errorText = useApiErrorText();
  const toast = useToast();
  const [selected, setSelected] = useState<string | null>(initialReportId);
  const [day, setDay] = useState("");
  const [polling, setPolling] = useState(false);
  const reports = useListReportsQuery({}, { pollingInterval: polling ? POLL_MS : 0 });
  const [request, requesting] = useRequestReportMutation();

  const rows = reports.data?.results ?? [];
  const anyInProgress = rows.some((row) => reportInProgress(row.status));
  if (anyInProgress !== polling) setPolling(anyInProgress);

  const generate = async (kind: ReportKind) => {
    try {
      const report = await request(day ? { kind, period_start: day } : { kind }).unwrap();
      setSelected(report.id);
      toast.show({ tone: "success", message: reportInProgress(report.status) ? t("queued") : t("existing") });
    } catch (error) {
      toast.show({ tone: "error", message: errorText(asApiError(error)) });
    }
  };

  return (
    <div className={styles.stack}>
      <Card title={t("title")} description={t("description")}>
        <div className={styles.toolbar}>
          <TextField
            type="date"
            label={t("periodLabel")}
            hint={t("periodHint")}
            value={day}
            onChange={(event) => setDay(event.target.value)}
          />
          <Button variant="primary" onClick={() => generate("weekly")} loading={requesting.isLoading && requesting.originalArgs?.kind === "weekly"}>
            {t("generateWeekly")}
          </Button>
          <Button onClick={() => generate("monthly")} loading={requesting.isLoading && requesting.originalArgs?.kind === "monthly"}>
            {t("generateMonthly")}
          </Button>
        </div>
      </Card>
      <div className={styles.split}>
        <Card title={t("list")} flush>
          {reports.isLoading ? (
            <Skeleton height={160} />
          ) : reports.error ? (
            <EmptyState tone="error" compact title={tm("loadError")} body={errorText(asApiError(reports.error))} />
          ) : rows.length === 0 ? (
            <EmptyState compact title={t("empty")} body={t("emptyBody")} />
          ) : (
            <table className={styles.table}>
              <thead>
                <tr>
                  <th>{t("columns.kind")}</th>
                  <th>{t("columns.period")}</th>
                  <th>{t("columns.status")}</th>
                  <th className={styles.num}>{t("columns.emailed")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.id} className={cx(selected === row.id && styles.selected)} data-testid="report-list-row">
                    <td>
                      <button
                        type="button"
                        className={styles.linkButton}
                        aria-label={t("open", { kind: t(`kinds.${row.kind}`), period: period(row) })}
                        onClick={() => setSelected(row.id)}
                      >
                        {t(`kinds.${row.kind}`)}
                      </button>
                    </td>
                    <td>{period(row)}</td>
                    <td>
                      <StatusBadge status={row.status} />
                    </td>
                    <td className={styles.num}>
                      {row.emailed_at ? format.dateTime(new Date(row.emailed_at), { dateStyle: "short", timeStyle: "short" }) : "—"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
        {selected ? <ReportDetail key={selected} id={selected} onBuilt={() => void reports.refetch()} /> : <EmptyState compact title={t("select")} />}
      </div>
    </div>
  );
}

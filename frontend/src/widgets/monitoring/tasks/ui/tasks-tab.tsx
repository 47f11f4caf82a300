"use client";

import { useState } from "react";

import {
  consoleStyles as styles,
  formatBytes,
  type TaskRun,
  useGetTasksQuery,
  useListBackupsQuery,
} from "@/entities/monitoring";
import { asApiError } from "@/shared/api";
import { useApiErrorText } from "@/shared/lib/errors";
import { useFormatter, useTranslations } from "@/shared/i18n";
import { Card, cx, EmptyState, Segmented, Skeleton } from "@/shared/ui";

type RunList = "recent" | "failures" | "retries";

function Runs({ runs }: { runs: TaskRun[] }) {
  const t = useTranslations("monitoring");
  const format = useFormatter();
  if (!runs.length) return <EmptyState compact title={t("tasks.noRuns")} />;
  return (
    <table className={styles.table}>
      <thead>
        <tr>
          <th>{t("tasks.columns.task")}</th>
          <th>{t("tasks.columns.state")}</th>
          <th className={styles.num}>{t("tasks.columns.started")}</th>
          <th className={styles.num}>{t("tasks.columns.runtime")}</th>
          <th className={styles.num}>{t("tasks.columns.retries")}</th>
          <th>{t("tasks.columns.worker")}</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <tr key={run.task_id}>
            <td>
              <span className={styles.mono}>{run.name}</span>
              {run.error ? <div className={cx(styles.muted, styles.bad)}>{run.error}</div> : null}
            </td>
            <td className={cx(run.state === "failed" && styles.bad, run.state === "succeeded" && styles.good)}>
              {t(`tasks.states.${run.state}`)}
            </td>
            <td className={styles.num}>{format.dateTime(new Date(run.started_at), { timeStyle: "medium" })}</td>
            <td className={styles.num}>{run.runtime_ms === null ? "—" : `${run.runtime_ms} ms`}</td>
            <td className={styles.num}>{run.retries}</td>
            <td className={styles.mono}>{run.worker}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** What Flower shows, inside the app: queues, per-task counts, recent runs, failures, retries; and backups. */
export function TasksTab() {
  const t = useTranslations("monitoring");
  const format = useFormatter();
  const errorText = useApiErrorText();
  const tasks = useGetTasksQuery(undefined, { pollingInterval: 10_000 });
  const backups = useListBackupsQuery();
  const [list, setList] = useState<RunList>("recent");

  if (tasks.isLoading) return <Skeleton height={240} />;
  if (tasks.error || !tasks.data) {
    return <EmptyState tone="error" title={t("loadError")} body={tasks.error ? errorText(asApiError(tasks.error)) : undefined} />;
  }
  const { queues, summary } = tasks.data;

  return (
    <div className={styles.stack}>
      <div className={styles.kv}>
        {queues === null ? (
          <p className={styles.muted}>{t("tasks.queuesUnavailable")}</p>
        ) : (
          Object.entries(queues).map(([queue, length]) => (
            <div key={queue} className={styles.tile}>
              <div className={styles.tileLabel}>{t("tasks.queue", { name: queue })}</div>
              <div className={cx(styles.tileValue, length > 100 && styles.bad)}>{length}</div>
            </div>
          ))
        )}
      </div>
      <Card title={t("tasks.summaryTitle")} flush>
        {summary.length === 0 ? (
          <EmptyState compact title={t("tasks.noRuns")} />
        ) : (
          <table className={styles.table}>
            <thead>
              <tr>
                <th>{t("tasks.columns.task")}</th>
                <th className={styles.num}>{t("tasks.columns.total")}</th>
                <th className={styles.num}>{t("tasks.states.succeeded")}</th>
                <th className={styles.num}>{t("tasks.states.failed")}</th>
                <th className={styles.num}>{t("tasks.columns.retries")}</th>
                <th className={styles.num}>{t("tasks.states.started")}</th>
              </tr>
            </thead>
            <tbody>
              {summary.map((row) => (
                <tr key={row.name}>
                  <td className={styles.mono}>{row.name}</td>
                  <td className={styles.num}>{row.total}</td>
                  <td className={cx(styles.num, styles.good)}>{row.succeeded}</td>
                  <td className={cx(styles.num, row.failed > 0 && styles.bad)}>{row.failed}</td>
                  <td className={styles.num}>{row.retried}</td>
                  <td className={styles.num}>{row.running}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <Card
        title={t("tasks.runsTitle")}
        flush
        actions={
          <Segmented
            label={t("tasks.runsTitle")}
            value={list}
            options={(["recent", "failures", "retries"] as const).map((value) => ({ value, label: t(`tasks.lists.${value}`) }))}
            onChange={setList}
          />
        }
      >
        <Runs runs={tasks.data[list]} />
      </Card>
      <Card title={t("tasks.backupsTitle")} flush>
        {!backups.data?.results.length ? (
          <EmptyState compact title={t("tasks.noBackups")} />
        ) : (
          <table className={styles.table}>
            <thead>
              <tr>
                <th className={styles.num}>{t("tasks.columns.started")}</th>
                <th>{t("tasks.columns.state")}</th>
                <th>{t("tasks.columns.engine")}</th>
                <th className={styles.num}>{t("tasks.columns.size")}</th>
                <th>SHA-256</th>
              </tr>
            </thead>
            <tbody>
              {backups.data.results.map((backup) => (
                <tr key={backup.id}>
                  <td className={styles.num}>{format.dateTime(new Date(backup.created_at), { dateStyle: "short", timeStyle: "short" })}</td>
                  <td className={cx(backup.status === "failed" && styles.bad, backup.status === "succeeded" && styles.good)}>
                    {t(`tasks.backupStates.${backup.status}`)}
                    {backup.error ? <div className={styles.muted}>{backup.error}</div> : null}
                  </td>
                  <td>{backup.engine}</td>
                  <td className={styles.num}>{formatBytes(backup.size)}</td>
                  <td className={styles.mono}>{backup.sha256.slice(0, 12)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}

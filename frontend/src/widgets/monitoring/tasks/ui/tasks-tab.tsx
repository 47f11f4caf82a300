"use client";

import { useEffect, useState } from "react";

import {
  consoleStyles as styles,
  formatBytes,
  RowActions,
  type TaskRun,
  useFailureToast,
  useGetTasksQuery,
  useListBackupsQuery,
  useRetryTaskMutation,
  useRevokeTaskMutation,
  useStartBackupMutation,
} from "@/entities/monitoring";
import { asApiError } from "@/shared/api";
import { useApiErrorText } from "@/shared/lib/errors";
import { useFormatter, useTranslations } from "@/shared/i18n";
import { Button, Card, ConfirmDialog, cx, EmptyState, Segmented, Skeleton, useToast } from "@/shared/ui";

type RunList = "recent" | "failures" | "retries";
type Asking = { run: TaskRun; action: "revoke" | "stop" | "retry" };

/** The action a run offers: revoke while queued, stop (terminate) while running, retry once failed. */
function actionOf(run: TaskRun): Asking["action"] | null {
  if (run.state === "queued" || run.state === "retry") return "revoke";
  if (run.state === "started") return "stop";
  if (run.retryable) return "retry";
  return null;
}

function Runs({ runs }: { runs: TaskRun[] }) {
  const t = useTranslations("monitoring");
  const tc = useTranslations("common");
  const format = useFormatter();
  const toast = useToast();
  const showFailure = useFailureToast();
  const [revoke, revoking] = useRevokeTaskMutation();
  const [retry, retrying] = useRetryTaskMutation();
  const [asking, setAsking] = useState<Asking | null>(null);

  const confirm = async () => {
    if (!asking) return;
    const { run, action } = asking;
    try {
      if (action === "retry") {
        const sent = await retry(run.task_id).unwrap();
        toast.show({ tone: "success", message: t("tasks.retried", { id: sent.task_id }) });
      } else {
        await revoke({ taskId: run.task_id, terminate: action === "stop" }).unwrap();
        toast.show({ tone: "success", message: t("tasks.revoked") });
      }
    } catch (error) {
      showFailure(error);
    } finally {
      setAsking(null);
    }
  };

  if (!runs.length) return <EmptyState compact title={t("tasks.noRuns")} />;
  return (
    <>
      <table className={styles.table}>
        <thead>
          <tr>
            <th>{t("tasks.columns.task")}</th>
            <th>{t("tasks.columns.state")}</th>
            <th>{t("tasks.columns.queue")}</th>
            <th className={styles.num}>{t("tasks.columns.started")}</th>
            <th className={styles.num}>{t("tasks.columns.runtime")}</th>
            <th className={styles.num}>{t("tasks.columns.retries")}</th>
            <th>{t("tasks.columns.worker")}</th>
            <th>{t("tasks.columns.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => {
            const action = actionOf(run);
            return (
              <tr key={run.task_id} data-testid="task-row">
                <td>
                  <span className={styles.mono}>{run.name}</span>
                  {run.error ? <div className={cx(styles.muted, styles.bad)}>{run.error}</div> : null}
                </td>
                <td className={cx(run.state === "failed" && styles.bad, run.state === "succeeded" && styles.good)}>
                  {t(`tasks.states.${run.state}`)}
                </td>
                <td className={styles.mono}>{run.queue || "—"}</td>
                <td className={styles.num}>{format.dateTime(new Date(run.started_at), { timeStyle: "medium" })}</td>
                <td className={styles.num}>{run.runtime_ms === null ? "—" : `${run.runtime_ms} ms`}</td>
                <td className={styles.num}>{run.retries}</td>
                <td className={styles.mono}>{run.worker}</td>
                <RowActions>
                  {action ? (
                    <Button size="sm" variant="ghost" onClick={() => setAsking({ run, action })}>
                      {t(`tasks.${action}`)}
                    </Button>
                  ) : null}
                </RowActions>
              </tr>
            );
          })}
        </tbody>
      </table>
      <ConfirmDialog
        open={asking !== null}
        title={asking ? t(`tasks.${asking.action}Title`, { name: asking.run.name }) : ""}
        body={asking ? t(`tasks.${asking.action}Body`, { queue: asking.run.queue || "—" }) : undefined}
        confirmLabel={asking ? t(`tasks.${asking.action}`) : ""}
        cancelLabel={t("tasks.cancel")}
        closeLabel={tc("close")}
        tone={asking?.action === "retry" ? "primary" : "danger"}
        busy={revoking.isLoading || retrying.isLoading}
        onConfirm={() => void confirm()}
        onCancel={() => setAsking(null)}
      />
    </>
  );
}

/** What Flower shows, inside the app: queues, per-task counts, recent runs, failures, retries; and backups. */
export function TasksTab() {
  const t = useTranslations("monitoring");
  const format = useFormatter();
  const errorText = useApiErrorText();
  const tasks = useGetTasksQuery(undefined, { pollingInterval: 10_000 });
  const [list, setList] = useState<RunList>("recent");
  const toast = useToast();
  const showFailure = useFailureToast();
  const [startBackup, starting] = useStartBackupMutation();
  // Polled while a backup runs, and for a minute after "back up now" (the worker has to pick it up).
  const [watchUntil, setWatchUntil] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  const [running, setRunning] = useState(false);
  const backups = useListBackupsQuery(undefined, { pollingInterval: running || now < watchUntil ? 2_000 : 0 });
  const anyRunning = backups.data?.results.some((backup) => backup.status === "running") ?? false;
  if (anyRunning !== running) setRunning(anyRunning); // derived during render, not in an effect
  useEffect(() => {
    if (!watchUntil) return;
    const timer = setInterval(() => setNow(Date.now()), 2_000);
    return () => clearInterval(timer);
  }, [watchUntil]);

  const backUpNow = () => {
    startBackup()
      .unwrap()
      .then(() => {
        const until = Date.now() + 60_000;
        setNow(Date.now());
        setWatchUntil(until);
        toast.show({ tone: "info", message: t("tasks.backupQueued") });
      })
      .catch(showFailure);
  };

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
      <Card
        title={t("tasks.backupsTitle")}
        flush
        actions={
          <Button size="sm" variant="primary" loading={starting.isLoading} disabled={running} onClick={backUpNow}>
            {t("tasks.backupNow")}
          </Button>
        }
      >
        {running ? (
          <p className={styles.muted} role="status">
            {t("tasks.backupRunning")}
          </p>
        ) : null}
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

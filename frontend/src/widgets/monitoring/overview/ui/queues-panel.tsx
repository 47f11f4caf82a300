"use client";

import { useFormatter, useTranslations } from "@/shared/i18n";
import { cx } from "@/shared/ui";

import type { MonitoringOverview } from "../api/overview-api";
import { waitTone } from "../model/overview";

import styles from "./overview.module.css";
import { Ident, OpenTab, Panel, Unavailable, type OverviewLink } from "./panel";

/** Task queue depth and the oldest message's wait, per queue. */
export function QueuesPanel({ queues, onOpen }: { queues: MonitoringOverview["queues"]; onOpen: (tab: OverviewLink) => void }) {
  const t = useTranslations("monitoringOverview");
  const format = useFormatter();
  return (
    <Panel testId="overview-queues" title={t("queues.title")} action={<OpenTab tab="tasks" onOpen={onOpen} />}>
      {queues ? (
        <table className={styles.table}>
          <thead>
            <tr>
              <th>{t("queues.queue")}</th>
              <th className={styles.num}>{t("queues.depth")}</th>
              <th className={styles.num}>{t("queues.oldest")}</th>
            </tr>
          </thead>
          <tbody>
            {queues.map((row) => (
              <tr key={row.queue} data-testid="overview-queue">
                <td>
                  <Ident>{row.queue}</Ident>
                </td>
                <td className={styles.num}>{format.number(row.depth)}</td>
                <td className={cx(styles.num, row.depth ? styles[`text_${waitTone(row.oldest_wait_s)}`] : undefined)}>
                  {row.depth ? t("units.s", { value: row.oldest_wait_s.toFixed(0) }) : "—"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <Unavailable />
      )}
    </Panel>
  );
}

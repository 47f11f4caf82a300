"use client";

import { useState } from "react";

import { type AlertFilter, consoleStyles as styles, ResultsTable, useListAlertsQuery } from "@/entities/monitoring";
import { useTranslations } from "@/shared/i18n";
import { Button, Segmented, VisuallyHidden } from "@/shared/ui";

import { AlertRow } from "./alert-row";

type StatusFilter = "open" | "firing" | "resolved" | "all";
const FILTERS: StatusFilter[] = ["open", "firing", "resolved", "all"];
/** Alerts, firing first; live events update this list in place. */
export function AlertsTab() {
  const t = useTranslations("monitoring");
  const [filter, setFilter] = useState<StatusFilter>("open");
  const [page, setPage] = useState(1);
  const args: AlertFilter = { status: filter === "all" ? undefined : filter, page };
  const alerts = useListAlertsQuery(args);

  return (
    <div className={styles.stack}>
      <div className={styles.toolbar}>
        <Segmented
          label={t("alerts.filter")}
          value={filter}
          options={FILTERS.map((value) => ({ value, label: t(`alerts.filters.${value}`) }))}
          onChange={(value) => {
            setFilter(value);
            setPage(1);
          }}
        />
        <span className={styles.spacer} />
        {alerts.data ? <span className={styles.muted}>{t("count", { count: alerts.data.count })}</span> : null}
      </div>
      <ResultsTable
        query={alerts}
        empty={{ title: t("alerts.emptyTitle"), body: t("alerts.emptyBody") }}
        skeletonHeight={160}
        head={
          <>
            <th>{t("alerts.columns.status")}</th>
            <th>{t("alerts.columns.severity")}</th>
            <th>{t("alerts.columns.rule")}</th>
            <th>{t("alerts.columns.target")}</th>
            <th className={styles.num}>{t("alerts.columns.value")}</th>
            <th className={styles.num}>{t("alerts.columns.started")}</th>
            <th>{t("alerts.columns.ack")}</th>
            <th>
              <VisuallyHidden>{t("actions")}</VisuallyHidden>
            </th>
          </>
        }
      >
        {(rows) =>
          rows.map((alert) => (
            <AlertRow key={alert.id} alert={alert} />
          ))
        }
      </ResultsTable>
      {alerts.data && (alerts.data.next || alerts.data.previous) ? (
        <div className={styles.toolbar}>
          <Button size="sm" disabled={!alerts.data.previous} onClick={() => setPage(page - 1)}>
            {t("previous")}
          </Button>
          <Button size="sm" disabled={!alerts.data.next} onClick={() => setPage(page + 1)}>
            {t("next")}
          </Button>
        </div>
      ) : null}
    </div>
  );
}

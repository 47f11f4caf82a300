"use client";

import { useFormatter, useTranslations } from "@/shared/i18n";
import { cx } from "@/shared/ui";

import type { MonitoringOverview } from "../api/overview-api";

import styles from "./overview.module.css";
import { OpenTab, Panel, type OverviewLink } from "./panel";

/** The top firing alerts, by severity, with how many more are firing. */
export function FiringPanel({ alerts, onOpen }: { alerts: MonitoringOverview["alerts"]; onOpen: (tab: OverviewLink) => void }) {
  const t = useTranslations("monitoringOverview");
  const format = useFormatter();
  return (
    <Panel testId="overview-firing" title={t("firing.title")} action={<OpenTab tab="alerts" onOpen={onOpen} />}>
      {alerts.top.length ? (
        <ul className={styles.alertList}>
          {alerts.top.map((alert) => (
            <li key={alert.id} className={styles.alertItem}>
              <span className={cx(styles.sev, styles[`sev_${alert.severity}`])}>{t(`severity.${alert.severity}`)}</span>
              <span className={styles.alertText}>
                <strong>{alert.rule}</strong>
                <span className={styles.muted}>
                  {alert.target}
                  {alert.started_at
                    ? ` · ${t("firing.since", { time: format.dateTime(new Date(alert.started_at), { hour: "2-digit", minute: "2-digit" }) })}`
                    : ""}
                </span>
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className={cx(styles.allClear, styles.text_good)}>{t("firing.none")}</p>
      )}
      {alerts.firing_total > alerts.top.length ? (
        <p className={styles.muted}>{t("firing.more", { count: alerts.firing_total - alerts.top.length })}</p>
      ) : null}
    </Panel>
  );
}

"use client";

import { Fragment, type ReactNode } from "react";

import { useFormatter, useTranslations } from "@/shared/i18n";
import { cx } from "@/shared/ui";

import type { MonitoringOverview } from "../api/overview-api";
import { alertsTone, errorRateTone, latencyTone, type Tone } from "../model/overview";

import styles from "./overview.module.css";
import { Ident, OpenTab, type OverviewLink } from "./panel";

function Kpi({
  label,
  value,
  detail,
  tone,
  testId,
  action,
}: {
  label: string;
  value: ReactNode;
  detail: ReactNode;
  tone: Tone;
  testId: string;
  action?: ReactNode;
}) {
  return (
    <section className={cx(styles.kpi, styles[`tone_${tone}`])} data-testid={testId} data-tone={tone}>
      <div className={styles.kpiLabel}>{label}</div>
      <div className={styles.kpiValue} data-testid={`${testId}-value`}>
        {value}
      </div>
      <div className={styles.kpiDetail}>{detail}</div>
      {action ? <div className={styles.kpiAction}>{action}</div> : null}
    </section>
  );
}

/** The status strip: firing alerts, hosts up, HTTP 5xx rate and p95, open WebSockets. */
export function StatusRow({ data, onOpen }: { data: MonitoringOverview; onOpen: (tab: OverviewLink) => void }) {
  const t = useTranslations("monitoringOverview");
  const format = useFormatter();
  const minutes = Math.round(data.window_seconds / 60);
  const { alerts, http, sockets } = data;
  const up = data.hosts.filter((host) => host.status === "up").length;
  const down = data.hosts.filter((host) => host.status === "down").length;
  const slowest = http?.groups.reduce<(typeof http.groups)[number] | null>(
    (worst, group) => (group.requests && (!worst || group.p95_ms > worst.p95_ms) ? group : worst),
    null,
  );

  return (
    <div className={styles.kpis}>
      <Kpi
        testId="overview-alerts"
        label={t("kpi.alerts")}
        tone={alertsTone(alerts)}
        value={alerts.firing_total}
        detail={t("kpi.alertsDetail", { critical: alerts.firing.critical, warning: alerts.firing.warning, pending: alerts.pending })}
        action={<OpenTab tab="alerts" onOpen={onOpen} />}
      />
      <Kpi
        testId="overview-hosts-up"
        label={t("kpi.hosts")}
        tone={down ? "bad" : data.hosts.length ? "good" : "idle"}
        value={`${up} / ${data.hosts.length}`}
        detail={t("kpi.hostsDetail", { down, unknown: data.hosts.length - up - down })}
        action={<OpenTab tab="hosts" onOpen={onOpen} />}
      />
      <Kpi
        testId="overview-error-rate"
        label={t("kpi.errorRate")}
        tone={http ? errorRateTone(http.error_rate, http.requests) : "idle"}
        value={http ? `${http.error_rate.toFixed(http.error_rate >= 10 ? 0 : 1)}%` : "—"}
        detail={http ? t("kpi.errorRateDetail", { errors: http.errors, requests: http.requests, minutes }) : t("unavailable")}
      />
      <Kpi
        testId="overview-p95"
        label={t("kpi.p95")}
        tone={http ? latencyTone(http.p95_ms, http.requests) : "idle"}
        value={http && http.requests ? t("units.ms", { value: format.number(http.p95_ms, { maximumFractionDigits: 0 }) }) : "—"}
        detail={
          !http ? t("unavailable") : slowest
              ? t.rich("kpi.p95Detail", { group: slowest.group, minutes, id: (chunks) => <Ident>{chunks}</Ident> }) : t("kpi.noRequests", { minutes })
        }
      />
      <Kpi
        testId="overview-sockets"
        label={t("kpi.sockets")}
        tone={sockets ? "good" : "idle"}
        value={sockets ? sockets.total : "—"}
        detail={
          sockets
            ? sockets.endpoints.length
              ? sockets.endpoints.map((row, index) => (
                  <Fragment key={row.endpoint}>
                    {index ? " · " : null}
                    <Ident>{row.endpoint}</Ident> {row.connections}
                  </Fragment>
                ))
              : t("kpi.socketsNone")
            : t("unavailable")
        }
      />
    </div>
  );
}

"use client";

import type { LiveState } from "@/entities/monitoring";
import { useFormatter, useTranslations } from "@/shared/i18n";
import { LoadError, Skeleton } from "@/shared/ui";

import { useGetMonitoringOverviewQuery } from "../api/overview-api";

import { AiCostPanel } from "./ai-cost-panel";
import { AnalyticsHealthPanel } from "./analytics-health-panel";
import { FiringPanel } from "./firing-panel";
import { HostsPanel } from "./hosts-panel";
import styles from "./overview.module.css";
import type { OverviewLink } from "./panel";
import { QueuesPanel } from "./queues-panel";
import { StatusRow } from "./status-row";

export type { OverviewLink } from "./panel";

const POLL_MS = 15_000;

/**
 * The console's first tab: what an operator checks first, readable at a glance —
 * status colours on every number, units on every value and chart, links into the
 * tabs that explain them. Host charts follow `metrics.sample` live; the rest
 * polls every 15 s and refetches on any alert event.
 */
export function OverviewTab({ live, onOpen }: { live: LiveState; onOpen: (tab: OverviewLink) => void }) {
  const t = useTranslations("monitoringOverview");
  const format = useFormatter();
  const overview = useGetMonitoringOverviewQuery(undefined, { pollingInterval: POLL_MS });
  const data = overview.data;

  if (overview.isLoading) {
    return (
      <div className={styles.kpis}>
        {[0, 1, 2, 3, 4].map((key) => (
          <Skeleton key={key} height={96} />
        ))}
      </div>
    );
  }
  if (!data) return <LoadError title={t("loadError")} error={overview.error} onRetry={() => overview.refetch()} />;

  return (
    <div className={styles.overview} data-testid="monitoring-overview">
      <StatusRow data={data} onOpen={onOpen} />

      <div className={styles.middle}>
        <HostsPanel data={data} live={live} onOpen={onOpen} />
        <FiringPanel alerts={data.alerts} onOpen={onOpen} />
      </div>

      <div className={styles.bottom}>
        <QueuesPanel queues={data.queues} onOpen={onOpen} />
        <AiCostPanel ai={data.ai_cost} />
        <AnalyticsHealthPanel analytics={data.analytics} />
      </div>
      <p className={styles.updated}>
        {t("updated", { time: format.dateTime(new Date(data.at), { hour: "2-digit", minute: "2-digit", second: "2-digit" }) })}
      </p>
    </div>
  );
}

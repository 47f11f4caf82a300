"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Suspense, useCallback, useEffect, useMemo, type KeyboardEvent } from "react";

import { useListHostsQuery, useMonitoringStream, type Alert } from "@/entities/monitoring";
import { useGetMeQuery } from "@/entities/user";
import { AlertsTab } from "@/widgets/monitoring/alerts";
import { AnomaliesTab } from "@/widgets/monitoring/anomalies";
import { ChannelsTab } from "@/widgets/monitoring/channels";
import { ForecastsTab } from "@/widgets/monitoring/forecasts";
import { HistoryTab } from "@/widgets/monitoring/history";
import { HostsTab } from "@/widgets/monitoring/hosts";
import { RulesTab } from "@/widgets/monitoring/rules";
import { SilencesTab } from "@/widgets/monitoring/silences";
import { StatsTab } from "@/widgets/monitoring/stats";
import { TasksTab } from "@/widgets/monitoring/tasks";
import { TemplatesTab } from "@/widgets/monitoring/templates";
import { useTranslations } from "@/shared/i18n";
import { AlertCircleIcon, Badge, Dot, EmptyState, Page, PageHeader, PageSpinner, useToast } from "@/shared/ui";

import styles from "./monitoring.module.css";

export const MONITORING_TABS = [
  "hosts",
  "history",
  "alerts",
  "silences",
  "rules",
  "channels",
  "templates",
  "stats",
  "forecasts",
  "anomalies",
  "tasks",
] as const;
export type MonitoringTab = (typeof MONITORING_TABS)[number];

function isTab(value: string | null): value is MonitoringTab {
  return (MONITORING_TABS as readonly (string | null)[]).includes(value);
}

/** The staff monitoring console: one socket for the page, one tab at a time (`?tab=`). */
export function MonitoringPage() {
  const t = useTranslations("monitoring");
  const tc = useTranslations("common");
  const { data: user, isLoading } = useGetMeQuery();

  if (isLoading) return <PageSpinner label={tc("loading")} />;
  if (!user?.is_staff) {
    return (
      <Page narrow>
        <title>{`${t("title")} · ${tc("appName")}`}</title>
        <PageHeader title={t("title")} />
        <div className={styles.forbidden} data-testid="monitoring-forbidden">
          <EmptyState
            tone="error"
            icon={<AlertCircleIcon size={22} />}
            title={t("forbiddenTitle")}
            body={t("forbiddenBody")}
          />
        </div>
      </Page>
    );
  }
  return (
    <Suspense fallback={<PageSpinner label={tc("loading")} />}>
      <MonitoringConsole />
    </Suspense>
  );
}

function MonitoringConsole() {
  const t = useTranslations("monitoring");
  const tc = useTranslations("common");
  const toast = useToast();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const requested = params.get("tab");
  const tab: MonitoringTab = isTab(requested) ? requested : "hosts";

  const onAlert = useCallback(
    (type: string, alert: Alert) => {
      const target = alert.host?.name ?? alert.target_label ?? alert.target;
      if (type === "alert.firing") {
        toast.show({ tone: "error", message: t("toastFiring", { rule: alert.rule.name, target }) });
      } else if (type === "alert.resolved") {
        toast.show({ tone: "success", message: t("toastResolved", { rule: alert.rule.name, target }) });
      }
    },
    [t, toast],
  );
  const stream = useMonitoringStream(onAlert);
  const hosts = useListHostsQuery(undefined, { pollingInterval: stream.status === "open" ? 0 : 30_000 });
  const { seed } = stream;

  useEffect(() => {
    const samples = (hosts.data ?? []).flatMap((host) => (host.latest ? [host.latest] : []));
    if (samples.length) seed(samples);
  }, [hosts.data, seed]);

  // A sample from a host the list does not know yet (it just registered): reload the list.
  const { refetch: refetchHosts, data: hostList } = hosts;
  const unknownHost = hostList !== undefined && Object.keys(stream.live.byHost).some((id) => !hostList.some((host) => host.id === id));
  useEffect(() => {
    if (unknownHost) refetchHosts();
  }, [unknownHost, refetchHosts]);

  const select = (next: MonitoringTab) => {
    const search = new URLSearchParams(params.toString());
    search.set("tab", next);
    router.replace(`${pathname}?${search.toString()}`, { scroll: false });
  };

  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = MONITORING_TABS[(index + step + MONITORING_TABS.length) % MONITORING_TABS.length] ?? "hosts";
    select(next);
    document.getElementById(`monitoring-tab-${next}`)?.focus();
  };

  const panel = useMemo(() => {
    switch (tab) {
      case "hosts":
        return <HostsTab hosts={hosts} live={stream.live} onOpenHistory={() => select("history")} />;
      case "history":
        return <HistoryTab hosts={hosts.data ?? []} lastSample={stream.lastSample} />;
      case "alerts":
        return <AlertsTab />;
      case "silences":
        return <SilencesTab />;
      case "rules":
        return <RulesTab />;
      case "channels":
        return <ChannelsTab />;
      case "templates":
        return <TemplatesTab />;
      case "stats":
        return <StatsTab />;
      case "forecasts":
        return <ForecastsTab />;
      case "anomalies":
        return <AnomaliesTab />;
      case "tasks":
        return <TasksTab />;
    }
    // `select` changes identity every render; the panels only need the latest one.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tab, hosts, stream.live, stream.lastSample]);

  const live = stream.status === "open";
  return (
    <Page className={styles.page}>
      <title>{`${t("title")} · ${tc("appName")}`}</title>
      <PageHeader
        title={t("title")}
        description={t("subtitle")}
        actions={
          <Badge tone={live ? "accent" : "neutral"} className={styles.liveBadge} data-testid="monitoring-live">
            <Dot className={live ? styles.dotLive : styles.dotIdle} />
            {live ? t("live") : t("offline")}
          </Badge>
        }
      />
      {stream.forbidden ? <EmptyState tone="error" compact title={t("forbiddenTitle")} body={t("forbiddenBody")} /> : null}
      <div role="tablist" aria-label={t("tabsLabel")} className={styles.tabs}>
        {MONITORING_TABS.map((name, index) => (
          <button
            key={name}
            id={`monitoring-tab-${name}`}
            type="button"
            role="tab"
            aria-selected={tab === name}
            aria-controls="monitoring-panel"
            tabIndex={tab === name ? 0 : -1}
            className={styles.tab}
            onClick={() => select(name)}
            onKeyDown={(event) => onTabKey(event, index)}
          >
            {t(`tabs.${name}`)}
          </button>
        ))}
      </div>
      <div id="monitoring-panel" role="tabpanel" aria-labelledby={`monitoring-tab-${tab}`} className={styles.panel}>
        {panel}
      </div>
    </Page>
  );
}

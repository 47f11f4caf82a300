"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Suspense, useMemo } from "react";

import { useGetMeQuery } from "@/entities/user";
import { AlertsTab } from "@/widgets/monitoring/alerts";
import { AnomaliesTab } from "@/widgets/monitoring/anomalies";
import { ChannelsTab } from "@/widgets/monitoring/channels";
import { ForecastsTab } from "@/widgets/monitoring/forecasts";
import { HistoryTab } from "@/widgets/monitoring/history";
import { HostsTab } from "@/widgets/monitoring/hosts";
import { OverviewTab } from "@/widgets/monitoring/overview";
import { ReportsTab } from "@/widgets/monitoring/reports";
import { RulesTab } from "@/widgets/monitoring/rules";
import { SilencesTab } from "@/widgets/monitoring/silences";
import { StatsTab } from "@/widgets/monitoring/stats";
import { TasksTab } from "@/widgets/monitoring/tasks";
import { TemplatesTab } from "@/widgets/monitoring/templates";
import { useTranslations } from "@/shared/i18n";
import { AlertCircleIcon, Badge, Dot, EmptyState, Page, PageHeader, PageSpinner } from "@/shared/ui";

import { useMonitoringConsole } from "../model/use-monitoring-console";
import { isMonitoringTab, MonitoringTabs, type MonitoringTab } from "./monitoring-tabs";

import styles from "./monitoring.module.css";

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
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const requested = params.get("tab");
  const tab: MonitoringTab = isMonitoringTab(requested) ? requested : "overview";

  const { stream, hosts } = useMonitoringConsole();

  const select = (next: MonitoringTab) => {
    const search = new URLSearchParams(params.toString());
    search.set("tab", next);
    router.replace(`${pathname}?${search.toString()}`, { scroll: false });
  };

  const panel = useMemo(() => {
    switch (tab) {
      case "overview":
        return <OverviewTab live={stream.live} onOpen={select} />;
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
      case "reports":
        // `?report=` opens one (the e-mailed report links here).
        return <ReportsTab initialReportId={params.get("report")} />;
    }
    // `select` changes identity every render; the panels only need the latest one.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tab, hosts, stream.live, stream.lastSample]);

  const live = stream.status === "open";
  return (
    <Page>
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
      <MonitoringTabs tab={tab} onSelect={select} />
      <div id="monitoring-panel" role="tabpanel" aria-labelledby={`monitoring-tab-${tab}`} className={styles.panel}>
        {panel}
      </div>
    </Page>
  );
}

"use client";

import { useEffect } from "react";

import {
  advanceLive,
  analyticsApi,
  registerAnalyticsRealtime,
  useDeviceLabel,
  useDurationText,
  useGetActiveSessionsQuery,
  useGetAnalyticsLiveQuery,
  type ActiveSession,
  type LiveConversion,
} from "@/entities/analytics";
import { useFormatter, useTranslations } from "@/shared/i18n";
import { useAppDispatch, useRealtimeListeners } from "@/shared/lib/redux";
import { Card, cx, EmptyState, LoadError, PulseIcon, RefreshIcon, Skeleton } from "@/shared/ui";
import type { WebSocketFactory, WsStatus } from "@/shared/ws";

import { useMonitoringSocket } from "../model/use-monitoring-socket";
import styles from "./analytics-live.module.css";
import { LiveChart } from "./live-chart";

/** The list is also refreshed on ticks that change the count; this is the floor. */
const ACTIVE_LIST_POLL_MS = 30_000;
/** Ticks stop while a site is idle; the chart still has to move on. */
const IDLE_AFTER_MS = 65_000;
const CLOCK_MS = 15_000;

export interface AnalyticsLiveProps {
  siteId: string;
  /** For tests: a fake socket instead of the browser's. */
  createSocket?: WebSocketFactory;
}

function ConnectionBadge({ status }: { status: WsStatus }) {
  const t = useTranslations("analyticsLive.connection");
  return (
    <span
      className={cx(styles.connection, status === "open" && styles.connectionOpen)}
      data-testid="live-connection"
      data-status={status}
    >
      <span className={styles.connectionDot} aria-hidden="true" />
      {t(status)}
    </span>
  );
}

function ActiveList({ sessions }: { sessions: readonly ActiveSession[] }) {
  const t = useTranslations("analyticsLive");
  const deviceLabel = useDeviceLabel();
  const duration = useDurationText();
  if (sessions.length === 0) {
    return <EmptyState compact title={t("noVisitors")} body={t("noVisitorsBody")} />;
  }
  return (
    <ul className={styles.rows} aria-label={t("visitorsTitle")} data-testid="active-session-list">
      {sessions.map((session) => (
        <li key={session.id} className={styles.row}>
          <span className={styles.path} title={session.current_page}>
            {session.current_page || "/"}
          </span>
          <span className={styles.meta}>
            {deviceLabel(session.device_class)}
            {session.browser ? ` · ${session.browser}` : ""} · {t("pagesViewed", { count: session.page_count })} ·{" "}
            {duration(session.duration_seconds)}
          </span>
        </li>
      ))}
    </ul>
  );
}

function ConversionList({ conversions }: { conversions: readonly LiveConversion[] }) {
  const t = useTranslations("analyticsLive");
  const format = useFormatter();
  if (conversions.length === 0) {
    return <p className={styles.quiet}>{t("noConversions")}</p>;
  }
  return (
    <ul className={styles.rows} aria-label={t("latestConversions")} data-testid="live-conversions">
      {conversions.map((conversion) => (
        <li key={`${conversion.session}-${conversion.ts}-${conversion.name}`} className={styles.row}>
          <span className={styles.path}>
            <strong>{conversion.name}</strong>
            {conversion.value !== null ? ` · ${format.number(conversion.value)}` : ""}
          </span>
          <span className={styles.meta}>
            {conversion.path} · {format.dateTime(new Date(conversion.ts), { hour: "2-digit", minute: "2-digit", second: "2-digit" })}
          </span>
        </li>
      ))}
    </ul>
  );
}

/**
 * Active sessions now and page views per minute, seeded from REST and kept
 * current by `analytics.tick` on the monitoring socket.
 */
export function AnalyticsLive({ siteId, createSocket }: AnalyticsLiveProps) {
  const t = useTranslations("analyticsLive");
  const format = useFormatter();
  useRealtimeListeners(registerAnalyticsRealtime);
  const status = useMonitoringSocket(true, createSocket);
  // Ticks are applied only while the socket is open, so a cached snapshot may be stale.
  const live = useGetAnalyticsLiveQuery(siteId, { refetchOnMountOrArgChange: true });
  const active = useGetActiveSessionsQuery(siteId, { pollingInterval: ACTIVE_LIST_POLL_MS });
  const data = live.data;
  const dispatch = useAppDispatch();
  const updatedAt = data?.updatedAt;

  useEffect(() => {
    if (!updatedAt) return;
    const timer = setInterval(() => {
      // Only while no tick arrives: when they flow, ticks own the window.
      if (Date.now() - Date.parse(updatedAt) < IDLE_AFTER_MS) return;
      dispatch(analyticsApi.util.updateQueryData("getAnalyticsLive", siteId, (draft) => advanceLive(draft, Date.now())));
    }, CLOCK_MS);
    return () => clearInterval(timer);
  }, [dispatch, siteId, updatedAt]);

  return (
    <Card
      title={
        <span className={styles.heading}>
          <PulseIcon size={16} />
          {t("title")}
        </span>
      }
      actions={<ConnectionBadge status={status} />}
      aria-label={t("title")}
      data-testid="analytics-live"
    >
      {live.isError && !data ? (
        <LoadError compact icon={<RefreshIcon size={20} />} title={t("loadError")} onRetry={live.refetch} />
      ) : (
        <div className={styles.layout}>
          <div className={styles.counters}>
            <div className={styles.counter}>
              <span className={styles.counterLabel} id={`active-${siteId}`}>
                {t("activeSessions")}
              </span>
              {data ? (
                <span
                  className={styles.counterValue}
                  data-testid="active-sessions"
                  aria-labelledby={`active-${siteId}`}
                  aria-live="polite"
                  role="status"
                >
                  {format.number(data.activeSessions)}
                </span>
              ) : (
                <Skeleton width={64} height={40} />
              )}
              <span className={styles.counterHint}>{t("activeHint")}</span>
            </div>
            <div className={styles.counter}>
              <span className={styles.counterLabel}>{t("pageViewsLastMinute")}</span>
              {data ? (
                <span className={styles.counterValueSmall} data-testid="page-views-last-minute">
                  {format.number(data.pageViewsLastMinute)}
                </span>
              ) : (
                <Skeleton width={48} height={28} />
              )}
              {data ? (
                <span className={styles.counterHint}>
                  {t("updatedAt", {
                    time: format.dateTime(new Date(data.updatedAt), { hour: "2-digit", minute: "2-digit", second: "2-digit" }),
                  })}
                </span>
              ) : null}
            </div>
          </div>
          <div className={styles.chartBlock}>
            <h3 className={styles.subheading}>{t("chartTitle")}</h3>
            {data ? <LiveChart points={data.points} /> : <Skeleton height={160} />}
          </div>
          <div className={styles.lists}>
            <section className={styles.list}>
              <h3 className={styles.subheading}>{t("visitorsTitle")}</h3>
              {active.data ? (
                <ActiveList sessions={active.data.results.slice(0, 8)} />
              ) : (
                <div className={styles.skeletonRows}>
                  <Skeleton height={14} />
                  <Skeleton height={14} width="70%" />
                </div>
              )}
            </section>
            <section className={styles.list}>
              <h3 className={styles.subheading}>{t("latestConversions")}</h3>
              <ConversionList conversions={data?.latestConversions ?? []} />
            </section>
          </div>
        </div>
      )}
    </Card>
  );
}

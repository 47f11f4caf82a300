"use client";

import { skipToken } from "@reduxjs/toolkit/query";
import { useEffect, useState } from "react";

import {
  resolveRange,
  useDeviceLabel,
  useGetAnalyticsReportQuery,
  type AnalyticsReport as Report,
  type RangeSelection,
} from "@/entities/analytics";
import { useFormatter, useTranslations } from "@/shared/i18n";
import { Button, ChartIcon, cx, EmptyState, InfoIcon, LoadError, RefreshIcon, Skeleton } from "@/shared/ui";

import styles from "./analytics-report.module.css";
import { ConversionFunnel } from "./conversion-funnel";
import { KpiGrid } from "./kpi-grid";
import { RangePicker } from "./range-picker";
import { RankTable } from "./rank-table";
import { TrendChart } from "./trend-chart";
import { VitalsTable } from "./vitals-table";

/** Rows per top list. */
const TOP_LIMIT = 10;
/** Ranges that end "now" move forward on their own at this pace. */
const FOLLOW_NOW_MS = 60_000;

export interface AnalyticsReportProps {
  siteId: string;
}

function Breakdowns({ report }: { report: Report }) {
  const t = useTranslations("analyticsReport");
  const format = useFormatter();
  const deviceLabel = useDeviceLabel();
  const percent = (value: number) => format.number(value, { style: "percent", maximumFractionDigits: 1 });
  const totalSessions = Math.max(1, report.devices.reduce((sum, row) => sum + row.sessions, 0));
  const path = (value: string) => <span className={styles.mono}>{value}</span>;

  return (
    <>
      <div className={styles.grid2}>
        <RankTable
          title={t("topPages")}
          testId="top-pages"
          rows={report.top_pages}
          rowKey={(row) => row.path}
          labelHeader={t("columns.page")}
          label={(row) => path(row.path)}
          columns={[
            { header: t("columns.pageViews"), value: (row) => row.page_views },
            { header: t("columns.visitors"), value: (row) => row.visitors },
          ]}
        />
        <RankTable
          title={t("referrers")}
          testId="referrers"
          rows={report.referrers}
          rowKey={(row) => row.referrer || "(direct)"}
          labelHeader={t("columns.referrer")}
          label={(row) => (row.referrer ? row.referrer : <em className={styles.direct}>{t("direct")}</em>)}
          columns={[{ header: t("columns.sessions"), value: (row) => row.sessions }]}
        />
        <RankTable
          title={t("entryPages")}
          testId="entry-pages"
          rows={report.entry_pages}
          rowKey={(row) => row.path}
          labelHeader={t("columns.page")}
          label={(row) => path(row.path)}
          columns={[{ header: t("columns.sessions"), value: (row) => row.sessions }]}
        />
        <RankTable
          title={t("exitPages")}
          testId="exit-pages"
          rows={report.exit_pages}
          rowKey={(row) => row.path}
          labelHeader={t("columns.page")}
          label={(row) => path(row.path)}
          columns={[{ header: t("columns.sessions"), value: (row) => row.sessions }]}
        />
        <RankTable
          title={t("devices")}
          testId="devices"
          rows={report.devices}
          rowKey={(row) => row.device_class}
          labelHeader={t("columns.device")}
          label={(row) => deviceLabel(row.device_class)}
          columns={[
            { header: t("columns.sessions"), value: (row) => row.sessions },
            { header: t("columns.share"), value: (row) => row.sessions / totalSessions, format: percent },
          ]}
        />
        <RankTable
          title={t("browsers")}
          testId="browsers"
          rows={report.browsers}
          rowKey={(row) => row.browser}
          labelHeader={t("columns.browser")}
          label={(row) => row.browser || deviceLabel("")}
          columns={[{ header: t("columns.sessions"), value: (row) => row.sessions }]}
        />
      </div>
      <div className={styles.funnelRow}>
        <ConversionFunnel rows={report.conversion_pages} />
        {report.conversions_by_name.length === 0 ? (
          <div className={styles.emptyCard} data-testid="conversions-by-name">
            <EmptyState compact title={t("conversionsTitle")} body={t("noConversions")} />
          </div>
        ) : (
          <RankTable
            title={t("conversionsTitle")}
            testId="conversions-by-name"
            rows={report.conversions_by_name}
            rowKey={(row) => row.name}
            labelHeader={t("columns.name")}
            label={(row) => row.name}
            columns={[
              { header: t("columns.count"), value: (row) => row.count },
              { header: t("columns.value"), value: (row) => row.value, format: (value) => format.number(value) },
            ]}
          />
        )}
      </div>
      <VitalsTable rows={report.vitals} thresholds={report.vital_thresholds} />
    </>
  );
}

/** KPIs, trend, top lists, funnel and vitals for a site over a chosen range. */
/** Last week by default; the range is kept when another site is picked, to compare like with like. */
export function AnalyticsReport({ siteId }: AnalyticsReportProps) {
  const t = useTranslations("analyticsReport");
  const tc = useTranslations("common");
  const [selection, setSelection] = useState<RangeSelection>({ preset: "7d" });
  // "Now" moves only when asked (range change or refresh), so the query key stays stable.
  const [now, setNow] = useState(() => new Date());
  const resolved = resolveRange(selection, now);
  const followsNow = selection.preset !== "custom";

  useEffect(() => {
    if (!followsNow) return;
    const timer = setInterval(() => setNow(new Date()), FOLLOW_NOW_MS);
    return () => clearInterval(timer);
  }, [followsNow]);
  const report = useGetAnalyticsReportQuery(resolved ? { site: siteId, ...resolved, limit: TOP_LIMIT } : skipToken);
  const data = report.data;

  function changeRange(next: RangeSelection) {
    setSelection(next);
    setNow(new Date());
  }

  const empty = data && data.totals.sessions === 0 && data.totals.page_views === 0;

  let body;
  if (report.isError && !data) {
    body = (
      <LoadError icon={<RefreshIcon size={20} />} title={t("loadError")} error={report.error} onRetry={report.refetch} />
    );
  } else if (!data) {
    body = (
      <div role="status" aria-label={tc("loading")} className={styles.loading}>
        <KpiGrid totals={null} />
        <Skeleton height={260} radius={12} />
      </div>
    );
  } else {
    body = (
      <>
        <KpiGrid totals={data.totals} />
        {empty ? (
          <div className={styles.emptyCard}>
            <EmptyState icon={<ChartIcon size={20} />} title={t("emptyTitle")} body={t("emptyBody")} />
          </div>
        ) : (
          <>
            <section className={styles.trendCard} aria-labelledby="analytics-trend-title">
              <h3 id="analytics-trend-title" className={styles.sectionTitle}>
                {t("chartTitle")}
              </h3>
              <TrendChart series={data.series} interval={data.interval} />
              {data.interval === "day" ? <p className={styles.footnote}>{t("utcDays")}</p> : null}
            </section>
            <Breakdowns report={data} />
          </>
        )}
        {data.source !== "raw" ? (
          <p className={styles.notice}>
            <InfoIcon size={14} />
            {t("approximate")}
          </p>
        ) : null}
      </>
    );
  }

  return (
    <section className={styles.report} aria-labelledby="analytics-report-title" data-testid="analytics-report">
      <div className={styles.reportHeader}>
        <h2 id="analytics-report-title" className={styles.reportTitle}>
          {t("title")}
        </h2>
        <div className={styles.reportActions}>
          <RangePicker value={selection} onChange={changeRange} now={now} />
          <Button
            size="sm"
            variant="ghost"
            iconOnly
            aria-label={report.isFetching ? t("refreshing") : t("refresh")}
            loading={report.isFetching && Boolean(data)}
            onClick={() => setNow(new Date())}
            disabled={!resolved}
          >
            <RefreshIcon size={16} />
          </Button>
        </div>
      </div>
      <div className={cx(styles.body, report.isFetching && data && styles.stale)} aria-busy={report.isFetching || undefined}>
        {body}
      </div>
    </section>
  );
}

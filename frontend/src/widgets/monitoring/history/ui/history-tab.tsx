"use client";

import { useMemo, useState } from "react";
import { Line, LineChart } from "recharts";

import {
  appendLiveSample,
  type ChartData,
  consoleStyles as styles,
  formatMetricValue,
  type Host,
  type LiveSample,
  rangeBounds,
  type RangeKey,
  rangeMs,
  RANGES,
  seriesToChartData,
  HostMetricSelect,
  useGetMetricSeriesQuery,
} from "@/entities/monitoring";
import { asApiError } from "@/shared/api";
import { ChartFrame, ChartGrid, ChartLegend, ChartTimeAxis, ChartTooltip, ChartYAxis, seriesColor } from "@/shared/charts";
import { useApiErrorText } from "@/shared/lib/errors";
import { useFormatter, useTranslations } from "@/shared/i18n";
import { Badge, Button, EmptyState, RefreshIcon, Segmented, SelectField, Skeleton } from "@/shared/ui";


/** Metric history per host with a range picker; the backend chooses raw, hourly or daily points. */
export function HistoryTab({ hosts, lastSample }: { hosts: Host[]; lastSample: LiveSample | null }) {
  const t = useTranslations("monitoring");
  const format = useFormatter();
  const errorText = useApiErrorText();
  const [hostId, setHostId] = useState("");
  const [metric, setMetric] = useState("cpu.percent");
  const [range, setRange] = useState<RangeKey>("1h");
  const [now, setNow] = useState(() => Date.now());
  const host = hostId || hosts[0]?.id || "";
  const bounds = useMemo(() => rangeBounds(range, now), [range, now]);
  const series = useGetMetricSeriesQuery({ host, metric, ...bounds }, { skip: !host });
  const base = useMemo(() => (series.data ? seriesToChartData(series.data) : null), [series.data]);

  // Raw ranges grow as samples arrive (the newest edge only). State is adjusted while
  // rendering when the query result or the newest sample changes (no effect chain).
  const [view, setView] = useState<{ base: ChartData | null; chart: ChartData | null; sample: LiveSample | null }>({
    base,
    chart: base,
    sample: lastSample,
  });
  let chart = view.chart;
  if (view.base !== base) {
    chart = base;
    setView({ base, chart, sample: lastSample });
  } else if (view.sample !== lastSample) {
    if (chart && lastSample && lastSample.host.id === host) {
      chart = appendLiveSample(chart, lastSample, metric, rangeMs(range));
    }
    setView({ base, chart, sample: lastSample });
  }

  const long = rangeMs(range) > 2 * 86_400_000;
  const tick = (value: number) =>
    format.dateTime(new Date(value), long ? { month: "short", day: "numeric" } : { hour: "2-digit", minute: "2-digit" });

  if (!hosts.length) return <EmptyState title={t("hosts.emptyTitle")} body={t("hosts.emptyBody")} />;

  return (
    <div className={styles.stack}>
      <div className={styles.toolbar}>
        <SelectField
          label={t("history.host")}
          value={host}
          options={hosts.map((item) => ({ value: item.id, label: item.name }))}
          onChange={(event) => setHostId(event.target.value)}
        />
        <HostMetricSelect value={metric} onChange={setMetric} />
        <Segmented
          label={t("history.range")}
          value={range}
          options={RANGES.map((value) => ({ value, label: t(`ranges.${value}`) }))}
          onChange={(value) => {
            setRange(value);
            setNow(Date.now());
          }}
        />
        <Button size="sm" variant="ghost" onClick={() => setNow(Date.now())} aria-label={t("refresh")}>
          <RefreshIcon size={14} />
        </Button>
      </div>
      <section className={styles.chartCard} aria-label={t("history.chartLabel", { metric })}>
        <div className={styles.chartHead}>
          <strong>{metric}</strong>
          {chart ? (
            <Badge tone="neutral" data-testid="chart-resolution">
              {t(`history.resolution.${chart.resolution}`)}
            </Badge>
          ) : null}
          {series.isFetching ? <span className={styles.muted}>{t("loading")}</span> : null}
        </div>
        {series.error ? (
          <EmptyState tone="error" compact title={t("loadError")} body={errorText(asApiError(series.error))} />
        ) : !chart ? (
          <Skeleton height={320} />
        ) : chart.rows.length === 0 ? (
          <EmptyState compact title={t("history.emptyTitle")} body={t("history.emptyBody")} />
        ) : (
          <div className={styles.chart}>
            <ChartFrame>
              <LineChart data={chart.rows} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
                <ChartGrid dashed />
                <ChartTimeAxis dataKey="t" ruled formatTick={tick} minTickGap={40} />
                <ChartYAxis
                  ruled
                  width={64}
                  formatTick={(value: number) => formatMetricValue(metric, value)}
                  domain={metric.endsWith("percent") ? [0, 100] : ["auto", "auto"]}
                />
                <ChartTooltip
                  labelFormatter={(value) => format.dateTime(new Date(Number(value)), { dateStyle: "short", timeStyle: "short" })}
                  formatter={(value) => formatMetricValue(metric, Number(value))}
                />
                {chart.keys.length > 1 ? <ChartLegend /> : null}
                {chart.keys.map((key, index) => (
                  <Line
                    key={key}
                    type="monotone"
                    dataKey={key}
                    name={key === "value" ? metric : key}
                    stroke={seriesColor(index)}
                    strokeWidth={1.5}
                    dot={false}
                    isAnimationActive={false}
                    connectNulls
                  />
                ))}
              </LineChart>
            </ChartFrame>
          </div>
        )}
      </section>
    </div>
  );
}

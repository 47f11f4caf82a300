"use client";

import { useMemo } from "react";

import { usd, useGetAIUsageQuery, type JobKind } from "@/entities/ai-job";
import { useFormatter, useTranslations } from "@/shared/i18n";
import { Card, cx, LoadError, Skeleton } from "@/shared/ui";

import { usageSeries } from "../model/series";
import styles from "./ai-usage-panel.module.css";
import { budgetOnChart, UsageChart } from "./usage-chart";

/** Month-to-date AI cost against the budget, the forecast, cache hit rate, a daily chart and totals per kind. */
export function AIUsagePanel({ projectId }: { projectId: string }) {
  const t = useTranslations("aiJobsUsage");
  const tk = useTranslations("aiJobsKinds");
  const format = useFormatter();
  const { data, isLoading, isError, error, refetch } = useGetAIUsageQuery(projectId);
  const points = useMemo(() => (data ? usageSeries(data) : []), [data]);

  const money = (value: number) =>
    format.number(value, {
      style: "currency",
      currency: "USD",
      currencyDisplay: "narrowSymbol",
      minimumFractionDigits: 2,
      maximumFractionDigits: value !== 0 && Math.abs(value) < 1 ? 4 : 2,
    });

  if (isLoading) {
    return (
      <Card title={t("title")}>
        <Skeleton height={260} radius={8} />
      </Card>
    );
  }
  if (isError || !data) {
    return (
      <Card title={t("title")}>
        <LoadError compact title={t("error")} error={error} onRetry={refetch} />
      </Card>
    );
  }

  const budget = usd(data.budget_usd);
  const spent = usd(data.month_to_date_usd);
  const forecast = usd(data.forecast_usd);
  const usedPercent = Math.min(100, data.budget_used_percent);

  return (
    <Card title={t("title")} description={t("month", { month: data.month })} data-testid="ai-usage">
      <div className={styles.panel}>
        <dl className={styles.stats}>
          <div className={styles.stat}>
            <dt>{t("spent")}</dt>
            <dd data-testid="usage-spent">
              <span className={styles.big}>{money(spent)}</span>
              <span className={styles.of}>{t("ofBudget", { budget: money(budget) })}</span>
              {/* Inside the <dd>: a <dl> group holds only <dt> and <dd>. */}
              <div
                className={styles.meter}
                role="meter"
                aria-label={t("budgetUsed")}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={Math.round(usedPercent)}
                aria-valuetext={t("budgetUsedValue", { percent: data.budget_used_percent })}
              >
                <span
                  className={cx(styles.meterFill, usedPercent >= 80 && styles.meterWarn)}
                  style={{ width: `${usedPercent}%` }}
                />
              </div>
            </dd>
          </div>
          <div className={styles.stat}>
            <dt>{t("forecast")}</dt>
            <dd>
              <span className={cx(styles.big, data.forecast_over_budget && styles.over)}>{money(forecast)}</span>
              <span className={styles.of}>{data.forecast_over_budget ? t("forecastOver") : t("forecastUnder")}</span>
            </dd>
          </div>
          <div className={styles.stat}>
            <dt>{t("cacheHitRate")}</dt>
            <dd>
              <span className={styles.big}>{format.number(data.cache_hit_rate, { style: "percent", maximumFractionDigits: 1 })}</span>
              <span className={styles.of}>{t("cacheHits", { hits: data.cache_hits, calls: data.calls })}</span>
            </dd>
          </div>
          <div className={styles.stat}>
            <dt>{t("tokens")}</dt>
            <dd>
              <span className={styles.big}>{format.number(data.tokens, { notation: "compact" })}</span>
              <span className={styles.of}>{t("calls", { calls: data.calls })}</span>
            </dd>
          </div>
        </dl>
        <figure className={styles.chart} aria-label={t("chartLabel")}>
          <UsageChart points={points} budget={budget} formatUsd={money} />
          <figcaption className={styles.caption}>
            {t("chartCaption")}
            {budgetOnChart(Math.max(spent, forecast), budget) ? null : ` · ${t("budgetOffChart", { amount: money(budget) })}`}
          </figcaption>
        </figure>
        <table className={styles.kinds}>
          <caption className={styles.kindsCaption}>{t("byKind")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("kind")}</th>
              <th scope="col">{t("callsColumn")}</th>
              <th scope="col">{t("cacheHitsColumn")}</th>
              <th scope="col">{t("tokensColumn")}</th>
              <th scope="col">{t("costColumn")}</th>
            </tr>
          </thead>
          <tbody>
            {data.by_kind.length ? (
              data.by_kind.map((row) => (
                <tr key={row.kind}>
                  <th scope="row">{tk(row.kind as JobKind)}</th>
                  <td>{format.number(row.calls)}</td>
                  <td>{format.number(row.cache_hits)}</td>
                  <td>{format.number(row.tokens)}</td>
                  <td>{money(usd(row.cost_usd))}</td>
                </tr>
              ))
            ) : (
              <tr>
                <td colSpan={5} className={styles.none}>
                  {t("noUsage")}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

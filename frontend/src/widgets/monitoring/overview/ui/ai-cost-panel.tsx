"use client";

import { useFormatter, useTranslations } from "@/shared/i18n";
import { cx } from "@/shared/ui";

import type { MonitoringOverview } from "../api/overview-api";
import { aiCostTone } from "../model/overview";

import { TONE_COLOR } from "./chart-format";
import styles from "./overview.module.css";
import { Panel, Unavailable } from "./panel";

function AiCost({ ai }: { ai: NonNullable<MonitoringOverview["ai_cost"]> }) {
  const t = useTranslations("monitoringOverview");
  const format = useFormatter();
  const usd = (value: number) => format.number(value, { style: "currency", currency: "USD" });
  const tone = aiCostTone(ai);
  const scale = Math.max(ai.budget_usd, ai.forecast_usd, ai.month_to_date_usd, 0.01);
  const pct = (value: number) => `${Math.min(100, (value / scale) * 100)}%`;
  return (
    <div className={styles.ai} data-testid="overview-ai" data-tone={tone}>
      <div className={styles.aiNumbers}>
        <div>
          <div className={styles.kpiLabel}>{t("ai.spent")}</div>
          <div className={cx(styles.bigNumber, styles[`text_${tone}`])}>{usd(ai.month_to_date_usd)}</div>
        </div>
        <div>
          <div className={styles.kpiLabel}>{t("ai.budget")}</div>
          <div className={styles.midNumber}>{ai.budget_usd > 0 ? usd(ai.budget_usd) : "—"}</div>
        </div>
        <div>
          <div className={styles.kpiLabel}>{t("ai.forecast")}</div>
          <div className={cx(styles.midNumber, styles[`text_${tone}`])}>{usd(ai.forecast_usd)}</div>
        </div>
      </div>
      <div
        className={styles.gauge}
        role="img"
        aria-label={t("ai.gauge", { spent: usd(ai.month_to_date_usd), forecast: usd(ai.forecast_usd), budget: usd(ai.budget_usd) })}
      >
        <div className={styles.gaugeForecast} style={{ width: pct(ai.forecast_usd), background: TONE_COLOR[tone] }} />
        <div className={styles.gaugeSpent} style={{ width: pct(ai.month_to_date_usd), background: TONE_COLOR[tone] }} />
        {ai.budget_usd > 0 ? <div className={styles.gaugeBudget} style={{ left: pct(ai.budget_usd) }} /> : null}
      </div>
      <div className={styles.gaugeLegend}>
        <span>
          <i className={styles.swatchSolid} style={{ background: TONE_COLOR[tone] }} /> {t("ai.legendSpent")}
        </span>
        <span>
          <i className={styles.swatchSoft} style={{ background: TONE_COLOR[tone] }} /> {t("ai.legendForecast")}
        </span>
        <span>
          <i className={styles.swatchLine} /> {t("ai.legendBudget")}
        </span>
      </div>
      <p className={styles.muted}>
        {ai.projects
          ? t("ai.detail", { month: ai.month, projects: ai.projects, used: ai.budget_used_percent.toFixed(0) })
          : t("ai.noSpend")}
        {ai.projects_over_budget > 0 ? (
          <strong className={styles.text_bad}> {t("ai.overBudget", { count: ai.projects_over_budget })}</strong>
        ) : null}
      </p>
    </div>
  );
}

/** AI cost this month against the budget, with the month-end forecast. */
export function AiCostPanel({ ai }: { ai: MonitoringOverview["ai_cost"] }) {
  const t = useTranslations("monitoringOverview");
  return (
    <Panel testId="overview-ai-panel" title={t("ai.title")} subtitle={ai?.month}>
      {ai ? <AiCost ai={ai} /> : <Unavailable />}
    </Panel>
  );
}

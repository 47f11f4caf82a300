import { useFormatter, useTranslations } from "@/shared/i18n";

import { usd } from "../model/money";
import type { AIJob } from "../model/types";

/**
 * Why a job waits for approval, in the reader's language: from the structured
 * `risk_factors`, falling back to the server's English `risk_reasons` for jobs
 * created before factors existed.
 */
export function useRiskReasons(): (job: Pick<AIJob, "risk_factors" | "risk_reasons">) => string[] {
  const t = useTranslations("aiJobsRisk");
  const format = useFormatter();
  const money = (value: string | undefined) =>
    format.number(usd(value), { style: "currency", currency: "USD", currencyDisplay: "narrowSymbol", minimumFractionDigits: 2 });
  return (job) => {
    if (!job.risk_factors.length) return job.risk_reasons;
    return job.risk_factors.map((factor) =>
      factor.code === "over_threshold"
        ? t("overThreshold", { estimated: money(factor.estimated_usd), threshold: money(factor.threshold_usd) })
        : t("nearBudget", { percent: factor.budget_share_percent ?? 80 }),
    );
  };
}

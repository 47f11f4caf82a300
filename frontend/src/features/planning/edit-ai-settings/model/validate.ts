import type { AISettings, AISettingsInput } from "@/entities/ai-job";

export interface AISettingsValues extends Record<string, string> {
  monthly_budget_usd: string;
  approval_threshold_usd: string;
  model: string;
}

export type AISettingsIssue = "required" | "money" | "budgetMin" | "tooLarge" | "modelTooLong";
export type AISettingsIssues = Partial<Record<keyof AISettingsValues, AISettingsIssue>>;

const MONEY = /^\d+(\.\d{1,2})?$/;
const MAX_USD = 1_000_000;

export function settingsToValues(settings: AISettings): AISettingsValues {
  const trim = (value: string) => String(Number.parseFloat(value).toFixed(2));
  return {
    monthly_budget_usd: trim(settings.monthly_budget_usd),
    approval_threshold_usd: trim(settings.approval_threshold_usd),
    model: settings.model,
  };
}

/** The server's limits (AISettingsDetail.InputSerializer): budget 0.01–1,000,000, threshold 0–1,000,000, 2 decimals. */
export function validateAISettings(values: AISettingsValues): AISettingsIssues {
  const issues: AISettingsIssues = {};
  for (const field of ["monthly_budget_usd", "approval_threshold_usd"] as const) {
    const value = values[field].trim();
    if (!value) issues[field] = "required";
    else if (!MONEY.test(value)) issues[field] = "money";
    else if (Number(value) > MAX_USD) issues[field] = "tooLarge";
    else if (field === "monthly_budget_usd" && Number(value) < 0.01) issues[field] = "budgetMin";
  }
  if (values.model.trim().length > 100) issues.model = "modelTooLong";
  return issues;
}

export function valuesToSettings(values: AISettingsValues): AISettingsInput {
  return {
    monthly_budget_usd: values.monthly_budget_usd.trim(),
    approval_threshold_usd: values.approval_threshold_usd.trim(),
    model: values.model.trim(),
  };
}

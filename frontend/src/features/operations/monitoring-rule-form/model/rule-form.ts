import type { AlertRule, AlertRuleInput, Operator, Severity, TargetSelector } from "@/entities/monitoring";

/** The rule editor's fields, as typed (strings until validated). */
export interface RuleFormValues {
  name: string;
  source: string;
  metric: string;
  /** Host or site names/ids (see `targetKey`). */
  targets: string;
  nameGlob: string;
  projects: string;
  operator: Operator;
  threshold: string;
  forSeconds: string;
  severity: Severity;
  channels: string[];
  cooldownSeconds: string;
  enabled: boolean;
  template: string;
}

/** i18n keys (namespace `monitoringRuleForm.errors`) per field. */
export type RuleFormErrors = Partial<Record<keyof RuleFormValues, string>>;

export const MAX_FOR_SECONDS = 7 * 86_400;
export const MAX_COOLDOWN_SECONDS = 30 * 86_400;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function emptyRuleForm(): RuleFormValues {
  return {
    name: "",
    source: "host",
    metric: "cpu.percent",
    targets: "",
    nameGlob: "",
    projects: "",
    operator: ">",
    threshold: "",
    forSeconds: "0",
    severity: "warning",
    channels: [],
    cooldownSeconds: "3600",
    enabled: true,
    template: "",
  };
}

export function ruleToForm(rule: AlertRule): RuleFormValues {
  return {
    name: rule.name,
    source: rule.source,
    metric: rule.metric,
    targets: (rule.host_selector[targetKey(rule.source)] ?? []).join(", "),
    nameGlob: rule.host_selector.name_glob ?? "",
    projects: (rule.host_selector.projects ?? []).join(", "),
    operator: rule.operator,
    threshold: String(rule.threshold),
    forSeconds: String(rule.for_seconds),
    severity: rule.severity,
    channels: rule.channels.map((channel) => channel.id),
    cooldownSeconds: String(rule.cooldown_seconds),
    enabled: rule.enabled,
    template: rule.template,
  };
}

/**
 * The selector key a source's targets go under: analytics rules watch sites,
 * application metrics their targets (route groups, endpoints, queues), the others
 * hosts (the server refuses keys a source does not take: `selector_keys`).
 */
export function targetKey(source: string): "hosts" | "sites" | "targets" {
  if (source === "analytics") return "sites";
  if (source === "app") return "targets";
  return "hosts";
}

/** Whether the source's targets can be picked by a name pattern (`name_glob`). */
export function takesNameGlob(source: string): boolean {
  return source !== "app" && source !== "ai";
}

function list(text: string): string[] {
  return text
    .split(/[,\s]+/)
    .map((item) => item.trim())
    .filter(Boolean);
}

/** A whole, non-negative number of seconds within `max`, or an error key. */
function seconds(text: string, max: number): number | string {
  const trimmed = text.trim();
  if (trimmed === "") return "required";
  if (!/^-?\d+$/.test(trimmed)) return "wholeSeconds";
  const value = Number(trimmed);
  if (value < 0) return "negative";
  if (value > max) return "tooLong";
  return value;
}

export type RuleFormResult = { ok: true; input: AlertRuleInput } | { ok: false; errors: RuleFormErrors };

/**
 * Validate the editor against the catalog (`metrics`: names the chosen source
 * knows) and build the API body. The server checks the same again; this gives
 * the answer before a round trip.
 */
export function validateRuleForm(values: RuleFormValues, metrics: readonly string[]): RuleFormResult {
  const errors: RuleFormErrors = {};
  const name = values.name.trim();
  if (!name) errors.name = "required";
  else if (name.length > 200) errors.name = "tooLong";

  if (!values.metric) errors.metric = "required";
  else if (metrics.length > 0 && !metrics.includes(values.metric)) errors.metric = "unknownMetric";

  const thresholdText = values.threshold.trim().replace(",", ".");
  const threshold = Number(thresholdText);
  if (thresholdText === "") errors.threshold = "required";
  else if (!Number.isFinite(threshold)) errors.threshold = "notNumber";
  else if (values.metric.endsWith("percent") && (threshold < 0 || threshold > 100)) errors.threshold = "percentRange";

  const forSeconds = seconds(values.forSeconds, MAX_FOR_SECONDS);
  if (typeof forSeconds === "string") errors.forSeconds = forSeconds;
  const cooldown = seconds(values.cooldownSeconds, MAX_COOLDOWN_SECONDS);
  if (typeof cooldown === "string") errors.cooldownSeconds = cooldown;

  const selector: TargetSelector = {};
  if (values.source === "ai") {
    const projects = list(values.projects);
    if (projects.some((id) => !UUID.test(id))) errors.projects = "projectIds";
    if (projects.length) selector.projects = projects;
  } else {
    const targets = list(values.targets);
    if (targets.length) selector[targetKey(values.source)] = targets;
    const glob = values.nameGlob.trim();
    if (glob && takesNameGlob(values.source)) selector.name_glob = glob;
  }

  if (values.template && !/^[-a-zA-Z0-9_]+$/.test(values.template)) errors.template = "slug";

  if (Object.keys(errors).length > 0 || typeof forSeconds === "string" || typeof cooldown === "string") {
    return { ok: false, errors };
  }
  return {
    ok: true,
    input: {
      name,
      source: values.source,
      metric: values.metric,
      host_selector: selector,
      operator: values.operator,
      threshold,
      for_seconds: forSeconds,
      severity: values.severity,
      channels: values.channels,
      cooldown_seconds: cooldown,
      enabled: values.enabled,
      template: values.template.trim(),
    },
  };
}

"use client";

import { useEffect, useMemo, useState, type FormEvent } from "react";

import {
  useCreateRuleMutation,
  useGetMetricCatalogQuery,
  useListChannelsQuery,
  usePreviewRuleMutation,
  useUpdateRuleMutation,
  type AlertRule,
  type Operator,
  type RulePreview,
  type Severity,
} from "@/entities/monitoring";
import { asApiError, operatorEnumValues, severityEnumValues, type ApiError } from "@/shared/api";
import { otherServerErrors, serverFieldErrors, useApiErrorText } from "@/shared/lib/errors";
import { useFormatter, useTranslations } from "@/shared/i18n";
import { Button, Form, FormActions, FormAlert, SelectField, TextField } from "@/shared/ui";

import { emptyRuleForm, ruleToForm, takesNameGlob, targetKey, validateRuleForm, type RuleFormErrors, type RuleFormValues } from "../model/rule-form";
import styles from "./rule-form.module.css";

const SERVER_FIELDS = ["name", "metric", "threshold", "for_seconds", "cooldown_seconds", "host_selector", "template"] as const;

export interface RuleFormProps {
  rule?: AlertRule;
  onDone: (rule: AlertRule) => void;
  onCancel: () => void;
}

/** Create or edit an alert rule, with a replay of how it would have fired over the last 24 h. */
export function RuleForm({ rule, onDone, onCancel }: RuleFormProps) {
  const t = useTranslations("monitoringRuleForm");
  const errorText = useApiErrorText();
  const format = useFormatter();
  const [values, setValues] = useState<RuleFormValues>(() => (rule ? ruleToForm(rule) : emptyRuleForm()));
  const [errors, setErrors] = useState<RuleFormErrors>({});
  const [serverError, setServerError] = useState<ApiError | null>(null);
  const catalog = useGetMetricCatalogQuery();
  const channels = useListChannelsQuery();
  const [createRule, creating] = useCreateRuleMutation();
  const [updateRule, updating] = useUpdateRuleMutation();
  const [previewRule] = usePreviewRuleMutation();
  const [preview, setPreview] = useState<RulePreview | null>(null);

  const sources = catalog.data?.sources ?? {};
  // Metric names are dotted (`http.error_rate`): the same path in `metricLabels` names them
  // with their unit; metrics without one (host metrics) show their name.
  const hasMetricLabel = (name: string) => t.has(`metricLabels.${name}` as "metricLabels.http.error_rate");
  const metricLabel = (name: string) =>
    hasMetricLabel(name) ? t(`metricLabels.${name}` as "metricLabels.http.error_rate") : name;
  const metrics = useMemo(() => Object.keys(catalog.data?.sources[values.source] ?? {}).sort(), [catalog.data, values.source]);
  const set = <K extends keyof RuleFormValues>(key: K, value: RuleFormValues[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    // An edited field's old message no longer applies.
    setErrors((current) => ({ ...current, [key]: undefined }));
  };

  // Live preview (host metrics only): replay the rule over the last 24 h, debounced.
  const check = validateRuleForm(values, metrics);
  const previewBody =
    check.ok && values.source === "host" && values.metric !== "host.missed_intervals"
      ? JSON.stringify({
          metric: check.input.metric,
          operator: check.input.operator,
          threshold: check.input.threshold,
          for_seconds: check.input.for_seconds,
          host_selector: check.input.host_selector,
        })
      : null;
  useEffect(() => {
    if (!previewBody) return;
    const timer = window.setTimeout(() => {
      previewRule(JSON.parse(previewBody))
        .unwrap()
        .then(setPreview)
        .catch(() => setPreview(null));
    }, 500);
    return () => window.clearTimeout(timer);
  }, [previewBody, previewRule]);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const result = validateRuleForm(values, metrics);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    setServerError(null);
    try {
      const saved = rule
        ? await updateRule({ id: rule.id, body: result.input }).unwrap()
        : await createRule(result.input).unwrap();
      onDone(saved);
    } catch (error) {
      setServerError(asApiError(error));
    }
  };

  const errorFor = (field: keyof RuleFormValues): string | null => {
    const key = errors[field];
    return key ? t(`errors.${key}` as "errors.required") : null;
  };
  const server = serverFieldErrors(serverError, SERVER_FIELDS);
  const otherErrors = otherServerErrors(serverError, SERVER_FIELDS);
  const episodes = preview?.hosts.reduce((sum, host) => sum + host.episodes.length, 0) ?? 0;

  return (
    <Form onSubmit={onSubmit} aria-label={rule ? t("editTitle") : t("createTitle")} className={styles.form}>
      {serverError && (otherErrors.length > 0 || Object.keys(server).length === 0) ? (
        <FormAlert tone="error">{otherErrors[0] ?? errorText(serverError)}</FormAlert>
      ) : null}
      <div className={styles.grid}>
        <TextField
          label={t("name")}
          value={values.name}
          onChange={(event) => set("name", event.target.value)}
          error={errorFor("name") ?? server.name}
          className={styles.wide}
        />
        <SelectField
          label={t("source")}
          value={values.source}
          options={Object.keys(sources).map((name) => ({
            value: name,
            // Other apps may register sources this catalogue does not name yet.
            label: t.has(`sources.${name}` as "sources.host") ? t(`sources.${name}` as "sources.host") : name,
          }))}
          onChange={(event) => {
            const source = event.target.value;
            const first = Object.keys(sources[source] ?? {}).sort()[0] ?? "";
            setValues((current) => ({ ...current, source, metric: first }));
          }}
        />
        <SelectField
          label={t("metric")}
          value={values.metric}
          options={metrics.map((name) => ({ value: name, label: metricLabel(name) }))}
          onChange={(event) => set("metric", event.target.value)}
          error={errorFor("metric") ?? server.metric}
          hint={hasMetricLabel(values.metric) ? values.metric : sources[values.source]?.[values.metric]}
        />
        {values.source === "ai" ? (
          <TextField
            label={t("projects")}
            value={values.projects}
            onChange={(event) => set("projects", event.target.value)}
            error={errorFor("projects") ?? server.host_selector}
            hint={t("projectsHint")}
            className={styles.wide}
          />
        ) : (
          <>
            <TextField
              label={t(targetKey(values.source))}
              value={values.targets}
              onChange={(event) => set("targets", event.target.value)}
              hint={t(`${targetKey(values.source)}Hint`)}
              error={server.host_selector}
            />
            {takesNameGlob(values.source) ? (
              <TextField
                label={t("nameGlob")}
                value={values.nameGlob}
                placeholder="web-*"
                onChange={(event) => set("nameGlob", event.target.value)}
              />
            ) : null}
          </>
        )}
        <SelectField
          label={t("operator")}
          value={values.operator}
          options={operatorEnumValues.map((op) => ({ value: op, label: op }))}
          onChange={(event) => set("operator", event.target.value as Operator)}
        />
        <TextField
          label={t("threshold")}
          inputMode="decimal"
          value={values.threshold}
          onChange={(event) => set("threshold", event.target.value)}
          error={errorFor("threshold") ?? server.threshold}
        />
        <TextField
          label={t("forSeconds")}
          inputMode="numeric"
          value={values.forSeconds}
          onChange={(event) => set("forSeconds", event.target.value)}
          error={errorFor("forSeconds") ?? server.for_seconds}
          hint={t("forHint")}
        />
        <SelectField
          label={t("severity")}
          value={values.severity}
          options={severityEnumValues.map((severity) => ({ value: severity, label: t(`severities.${severity}`) }))}
          onChange={(event) => set("severity", event.target.value as Severity)}
        />
        <TextField
          label={t("cooldownSeconds")}
          inputMode="numeric"
          value={values.cooldownSeconds}
          onChange={(event) => set("cooldownSeconds", event.target.value)}
          error={errorFor("cooldownSeconds") ?? server.cooldown_seconds}
          hint={t("cooldownHint")}
        />
        <TextField
          label={t("template")}
          value={values.template}
          placeholder="default"
          onChange={(event) => set("template", event.target.value)}
          error={errorFor("template") ?? server.template}
        />
      </div>
      <fieldset className={styles.channels}>
        <legend>{t("channels")}</legend>
        {channels.data?.results.length ? (
          channels.data.results.map((channel) => (
            <label key={channel.id} className={styles.check}>
              <input
                type="checkbox"
                checked={values.channels.includes(channel.id)}
                onChange={(event) =>
                  set(
                    "channels",
                    event.target.checked
                      ? [...values.channels, channel.id]
                      : values.channels.filter((id) => id !== channel.id),
                  )
                }
              />
              {channel.name} <span className={styles.muted}>({channel.kind})</span>
            </label>
          ))
        ) : (
          <p className={styles.muted}>{t("noChannels")}</p>
        )}
      </fieldset>
      <label className={styles.check}>
        <input type="checkbox" checked={values.enabled} onChange={(event) => set("enabled", event.target.checked)} />
        {t("enabled")}
      </label>
      <section className={styles.preview} aria-live="polite" aria-label={t("previewTitle")}>
        <h3 className={styles.previewTitle}>{t("previewTitle")}</h3>
        {!previewBody ? (
          <p className={styles.muted}>{values.source === "host" ? t("previewIncomplete") : t("previewUnsupported")}</p>
        ) : preview ? (
          <>
            <p>{t("previewSummary", { count: episodes, hosts: preview.hosts.length })}</p>
            <ul className={styles.previewList}>
              {preview.hosts
                .filter((host) => host.episodes.length > 0)
                .map((host) => (
                  <li key={host.host.id}>
                    <strong>{host.host.name}</strong>{" "}
                    {host.episodes
                      .slice(0, 3)
                      .map((episode) => format.dateTime(new Date(episode.started_at), { timeStyle: "short" }))
                      .join(", ")}
                    {host.firing_now ? ` · ${t("previewFiringNow")}` : ""}
                  </li>
                ))}
            </ul>
          </>
        ) : (
          <p className={styles.muted}>{t("previewLoading")}</p>
        )}
      </section>
      <FormActions end>
        <Button type="button" variant="ghost" onClick={onCancel}>
          {t("cancel")}
        </Button>
        <Button type="submit" variant="primary" loading={creating.isLoading || updating.isLoading}>
          {rule ? t("save") : t("create")}
        </Button>
      </FormActions>
    </Form>
  );
}

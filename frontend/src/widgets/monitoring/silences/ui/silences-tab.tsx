"use client";

import { useState, type FormEvent } from "react";

import {
  consoleStyles as styles,
  ResultsTable,
  type Silence,
  type SilenceKind,
  type SilenceMatchers,
  useCreateSilenceMutation,
  useExpireSilenceMutation,
  useListRulesQuery,
  useListSilencesQuery,
} from "@/entities/monitoring";
import { asApiError, severityEnumValues, silenceKindEnumValues } from "@/shared/api";
import { useApiErrorText } from "@/shared/lib/errors";
import { useFormatter, useTranslations } from "@/shared/i18n";
import { Badge, Button, Card, Form, FormActions, SelectField, TextField, useToast } from "@/shared/ui";

function matcherText(matchers: SilenceMatchers, ruleNames: Map<string, string>): string {
  const parts = Object.entries(matchers).map(([key, value]) =>
    key === "rule" ? `rule=${ruleNames.get(String(value)) ?? value}` : `${key}=${value}`,
  );
  return parts.length ? parts.join(", ") : "*";
}

function SilenceForm() {
  const t = useTranslations("monitoring");
  const toast = useToast();
  const errorText = useApiErrorText();
  const rules = useListRulesQuery();
  const [create, creating] = useCreateSilenceMutation();
  const [kind, setKind] = useState<SilenceKind>("silence");
  const [rule, setRule] = useState("");
  const [host, setHost] = useState("");
  const [severity, setSeverity] = useState("");
  const [hours, setHours] = useState("2");
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const duration = Number(hours);
    if (!Number.isFinite(duration) || duration <= 0 || duration > 24 * 90) {
      setError(t("silences.durationError"));
      return;
    }
    setError(null);
    const matchers: SilenceMatchers = {};
    if (rule) matchers.rule = rule;
    if (host.trim()) matchers.host = host.trim();
    if (severity) matchers.severity = severity;
    create({ kind, matchers, ends_at: new Date(Date.now() + duration * 3_600_000).toISOString(), reason })
      .unwrap()
      .then(() => {
        setReason("");
        toast.show({ tone: "success", message: t("silences.created") });
      })
      .catch((failure: unknown) => toast.show({ tone: "error", message: errorText(asApiError(failure)) }));
  };

  return (
    <Card title={t("silences.newTitle")} description={t("silences.newBody")}>
      <Form onSubmit={onSubmit}>
        <div className={styles.kv}>
          <SelectField
            label={t("silences.kind")}
            value={kind}
            options={silenceKindEnumValues.map((value) => ({ value, label: t(`silences.kinds.${value}`) }))}
            onChange={(event) => setKind(event.target.value as SilenceKind)}
          />
          <SelectField
            label={t("silences.rule")}
            value={rule}
            options={[
              { value: "", label: t("silences.anyRule") },
              ...(rules.data?.results ?? []).map((item) => ({ value: item.id, label: item.name })),
            ]}
            onChange={(event) => setRule(event.target.value)}
          />
          <TextField label={t("silences.host")} value={host} onChange={(event) => setHost(event.target.value)} placeholder="web-1" />
          <SelectField
            label={t("silences.severity")}
            value={severity}
            options={[
              { value: "", label: t("silences.anySeverity") },
              ...severityEnumValues.map((value) => ({ value, label: t(`severity.${value}`) })),
            ]}
            onChange={(event) => setSeverity(event.target.value)}
          />
          <TextField
            label={t("silences.hours")}
            inputMode="decimal"
            value={hours}
            onChange={(event) => setHours(event.target.value)}
            error={error}
          />
        </div>
        <TextField label={t("silences.reason")} value={reason} maxLength={500} onChange={(event) => setReason(event.target.value)} />
        <FormActions end>
          <Button type="submit" variant="primary" loading={creating.isLoading}>
            {t("silences.create")}
          </Button>
        </FormActions>
      </Form>
    </Card>
  );
}

/** Silences and maintenance windows: they mute notifications; alerts are still recorded. */
export function SilencesTab() {
  const t = useTranslations("monitoring");
  const format = useFormatter();
  const toast = useToast();
  const errorText = useApiErrorText();
  const silences = useListSilencesQuery();
  const rules = useListRulesQuery();
  const [expire] = useExpireSilenceMutation();
  const ruleNames = new Map((rules.data?.results ?? []).map((rule) => [rule.id, rule.name]));
  const when = (value: string) => format.dateTime(new Date(value), { dateStyle: "short", timeStyle: "short" });

  const row = (silence: Silence) => (
    <tr key={silence.id}>
      <td className={styles.nowrap}>
        {silence.active ? <Badge>{t("silences.active")}</Badge> : <Badge tone="neutral">{t("silences.ended")}</Badge>}
      </td>
      <td className={styles.nowrap}>{t(`silences.kinds.${silence.kind}`)}</td>
      <td className={styles.mono}>{matcherText(silence.matchers, ruleNames)}</td>
      <td className={styles.num}>
        {when(silence.starts_at)} → {when(silence.ends_at)}
      </td>
      <td>{silence.reason || <span className={styles.muted}>—</span>}</td>
      <td>{silence.created_by?.display_name ?? "—"}</td>
      <td>
        {silence.active ? (
          <Button
            size="sm"
            variant="ghost"
            onClick={() =>
              expire(silence.id)
                .unwrap()
                .catch((failure: unknown) => toast.show({ tone: "error", message: errorText(asApiError(failure)) }))
            }
          >
            {t("silences.expire")}
          </Button>
        ) : null}
      </td>
    </tr>
  );

  return (
    <div className={styles.stack}>
      <SilenceForm />
      <ResultsTable
        query={silences}
        empty={{ title: t("silences.emptyTitle"), body: t("silences.emptyBody"), compact: true }}
        head={
          <>
            <th>{t("silences.columns.state")}</th>
            <th>{t("silences.kind")}</th>
            <th>{t("silences.columns.matchers")}</th>
            <th className={styles.num}>{t("silences.columns.window")}</th>
            <th>{t("silences.reason")}</th>
            <th>{t("silences.columns.creator")}</th>
            <th>
              <span className={styles.muted}>{t("actions")}</span>
            </th>
          </>
        }
      >
        {(rows) => rows.map(row)}
      </ResultsTable>
    </div>
  );
}

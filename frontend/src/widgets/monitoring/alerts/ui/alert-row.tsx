"use client";

import { useState } from "react";

import {
  type Alert,
  consoleStyles as styles,
  formatMetricValue,
  useAckAlertMutation,
  useCreateSilenceMutation,
  useUpdateAlertNotesMutation,
} from "@/entities/monitoring";
import { asApiError } from "@/shared/api";
import { useApiErrorText } from "@/shared/lib/errors";
import { useFormatter, useTranslations } from "@/shared/i18n";
import { Button, cx, Dot, SelectField, useToast } from "@/shared/ui";

const SILENCE_HOURS = ["1", "4", "24", "168"];

export function targetName(alert: Alert): string {
  return alert.host?.name ?? (alert.target_label || alert.target);
}

/** One alert with its ack, note and silence actions (the forms open under the row). */
export function AlertRow({ alert }: { alert: Alert }) {
  const t = useTranslations("monitoring");
  const format = useFormatter();
  const toast = useToast();
  const errorText = useApiErrorText();
  const [ack, acking] = useAckAlertMutation();
  const [saveNotes, savingNotes] = useUpdateAlertNotesMutation();
  const [createSilence, silencing] = useCreateSilenceMutation();
  const [mode, setMode] = useState<"none" | "notes" | "silence">("none");
  const [notes, setNotes] = useState(alert.notes);
  const [hours, setHours] = useState("1");

  const fail = (error: unknown) => toast.show({ tone: "error", message: errorText(asApiError(error)) });
  const when = (value: string | null) =>
    value ? format.dateTime(new Date(value), { dateStyle: "short", timeStyle: "short" }) : "—";

  return (
    <>
      <tr data-testid="alert-row" data-status={alert.status}>
        <td>
          <span className={cx(styles.state, styles[`state_${alert.status}`])}>
            <Dot className={styles.dotCurrent} />
            {t(`alerts.status.${alert.status}`)}
          </span>
          {alert.silenced ? <div className={styles.muted}>{t("alerts.silenced")}</div> : null}
        </td>
        <td>
          <span className={cx(styles.sev, styles[`sev_${alert.severity}`])}>{t(`severity.${alert.severity}`)}</span>
        </td>
        <td>
          <strong>{alert.rule.name}</strong>
          <div className={styles.mono}>{alert.rule.metric}</div>
        </td>
        <td>
          {targetName(alert)}
          {alert.labels ? <div className={styles.mono}>{alert.labels}</div> : null}
        </td>
        <td className={styles.num}>
          {formatMetricValue(alert.rule.metric, alert.value)}
          <div className={styles.muted}>
            {alert.operator} {formatMetricValue(alert.rule.metric, alert.threshold)}
          </div>
        </td>
        <td className={styles.num}>
          {when(alert.started_at ?? alert.pending_since)}
          {alert.resolved_at ? <div className={styles.muted}>→ {when(alert.resolved_at)}</div> : null}
        </td>
        <td>
          {alert.acknowledged_by ? (
            <span>
              {t("alerts.ackBy", { name: alert.acknowledged_by.display_name })}
              <div className={styles.muted}>{when(alert.acknowledged_at)}</div>
            </span>
          ) : (
            <span className={styles.muted}>—</span>
          )}
        </td>
        <td>
          <div className={styles.rowActions}>
            {alert.status !== "resolved" && !alert.acknowledged_at ? (
              <Button
                size="sm"
                variant="primary"
                loading={acking.isLoading}
                onClick={() => ack(alert.id).unwrap().catch(fail)}
              >
                {t("alerts.ack")}
              </Button>
            ) : null}
            <Button size="sm" variant="ghost" aria-expanded={mode === "notes"} onClick={() => setMode(mode === "notes" ? "none" : "notes")}>
              {alert.notes ? t("alerts.editNote") : t("alerts.addNote")}
            </Button>
            {alert.status !== "resolved" ? (
              <Button size="sm" variant="ghost" aria-expanded={mode === "silence"} onClick={() => setMode(mode === "silence" ? "none" : "silence")}>
                {t("alerts.silence")}
              </Button>
            ) : null}
          </div>
        </td>
      </tr>
      {alert.notes && mode !== "notes" ? (
        <tr>
          <td colSpan={8} className={styles.muted}>
            {t("alerts.note")}: {alert.notes}
          </td>
        </tr>
      ) : null}
      {mode === "notes" ? (
        <tr>
          <td colSpan={8}>
            <form
              className={styles.inlineForm}
              aria-label={t("alerts.note")}
              onSubmit={(event) => {
                event.preventDefault();
                saveNotes({ id: alert.id, notes })
                  .unwrap()
                  .then(() => setMode("none"))
                  .catch(fail);
              }}
            >
              <label className={cx(styles.textareaLabel, styles.grow)}>
                {t("alerts.note")}
                <textarea className={styles.textarea} value={notes} maxLength={5000} onChange={(event) => setNotes(event.target.value)} />
              </label>
              <Button type="submit" size="sm" variant="primary" loading={savingNotes.isLoading}>
                {t("save")}
              </Button>
            </form>
          </td>
        </tr>
      ) : null}
      {mode === "silence" ? (
        <tr>
          <td colSpan={8}>
            <form
              className={styles.inlineForm}
              aria-label={t("alerts.silenceScope", { rule: alert.rule.name, target: targetName(alert) })}
              onSubmit={(event) => {
                event.preventDefault();
                createSilence({
                  kind: "silence",
                  matchers: { rule: alert.rule.id, target: alert.target },
                  ends_at: new Date(Date.now() + Number(hours) * 3_600_000).toISOString(),
                  reason: t("alerts.silenceReason", { rule: alert.rule.name, target: targetName(alert) }),
                })
                  .unwrap()
                  .then(() => {
                    setMode("none");
                    toast.show({ tone: "success", message: t("silences.created") });
                  })
                  .catch(fail);
              }}
            >
              <SelectField
                label={t("alerts.silenceFor")}
                value={hours}
                options={SILENCE_HOURS.map((value) => ({ value, label: t("alerts.hours", { count: Number(value) }) }))}
                onChange={(event) => setHours(event.target.value)}
              />
              <span className={styles.muted}>{t("alerts.silenceScope", { rule: alert.rule.name, target: targetName(alert) })}</span>
              <Button type="submit" size="sm" variant="primary" loading={silencing.isLoading}>
                {t("alerts.silence")}
              </Button>
            </form>
          </td>
        </tr>
      ) : null}
    </>
  );
}

"use client";

import { useState } from "react";

import { RuleForm } from "@/features/operations/monitoring-rule-form";
import {
  formatMetricValue,
  useDeleteRuleMutation,
  useListRulesQuery,
  useUpdateRuleMutation,
  type AlertRule,
} from "@/entities/monitoring";
import { asApiError } from "@/shared/api";
import { useApiErrorText } from "@/shared/lib/errors";
import { useTranslations } from "@/shared/i18n";
import { Button, Card, cx, useToast } from "@/shared/ui";

import styles from "./monitoring.module.css";
import { ResultsTable } from "./results-table";

function selectorText(rule: AlertRule, all: string): string {
  const selector = rule.host_selector;
  const parts = [...(selector.hosts ?? []), ...(selector.projects ?? [])];
  if (selector.name_glob) parts.push(selector.name_glob);
  return parts.length ? parts.join(", ") : all;
}

/** Alert rules: list, create, edit, enable/disable, delete. */
export function RulesTab() {
  const t = useTranslations("monitoring");
  const toast = useToast();
  const errorText = useApiErrorText();
  const rules = useListRulesQuery();
  const [updateRule] = useUpdateRuleMutation();
  const [deleteRule] = useDeleteRuleMutation();
  const [editing, setEditing] = useState<AlertRule | "new" | null>(null);
  const fail = (error: unknown) => toast.show({ tone: "error", message: errorText(asApiError(error)) });

  return (
    <div className={styles.stack}>
      {editing ? (
        <Card title={editing === "new" ? t("rules.newTitle") : t("rules.editTitle", { name: editing.name })}>
          <RuleForm
            key={editing === "new" ? "new" : editing.id}
            rule={editing === "new" ? undefined : editing}
            onCancel={() => setEditing(null)}
            onDone={(rule) => {
              setEditing(null);
              toast.show({ tone: "success", message: t("rules.saved", { name: rule.name }) });
            }}
          />
        </Card>
      ) : (
        <div className={styles.toolbar}>
          <span className={styles.spacer} />
          <Button variant="primary" onClick={() => setEditing("new")}>
            {t("rules.new")}
          </Button>
        </div>
      )}
      <ResultsTable
        query={rules}
        empty={{ title: t("rules.emptyTitle"), body: t("rules.emptyBody") }}
        skeletonHeight={160}
        head={
          <>
            <th>{t("rules.columns.name")}</th>
            <th>{t("rules.columns.condition")}</th>
            <th>{t("rules.columns.targets")}</th>
            <th>{t("rules.columns.severity")}</th>
            <th className={styles.num}>{t("rules.columns.for")}</th>
            <th>{t("rules.columns.channels")}</th>
            <th className={styles.num}>{t("rules.columns.open")}</th>
            <th>{t("rules.columns.enabled")}</th>
            <th>
              <span className={styles.muted}>{t("actions")}</span>
            </th>
          </>
        }
      >
        {(rows) =>
          rows.map((rule) => (
            <tr key={rule.id} data-testid="rule-row" className={cx(editing !== "new" && editing?.id === rule.id && styles.selected)}>
              <td>
                <strong>{rule.name}</strong>
                {rule.template ? <div className={styles.muted}>{t("rules.template", { name: rule.template })}</div> : null}
              </td>
              <td className={styles.mono}>
                {rule.metric} {rule.operator} {formatMetricValue(rule.metric, rule.threshold)}
              </td>
              <td>{selectorText(rule, rule.source === "ai" ? t("rules.allProjects") : t("rules.allHosts"))}</td>
              <td>
                <span className={cx(styles.sev, styles[`sev_${rule.severity}`])}>{t(`severity.${rule.severity}`)}</span>
              </td>
              <td className={styles.num}>{t("seconds", { count: rule.for_seconds })}</td>
              <td>{rule.channels.map((channel) => channel.name).join(", ") || <span className={styles.muted}>—</span>}</td>
              <td className={cx(styles.num, rule.open_alerts > 0 && styles.bad)}>{rule.open_alerts}</td>
              <td>
                <input
                  type="checkbox"
                  aria-label={t("rules.toggle", { name: rule.name })}
                  checked={rule.enabled}
                  onChange={(event) => updateRule({ id: rule.id, body: { enabled: event.target.checked } }).unwrap().catch(fail)}
                />
              </td>
              <td>
                <div className={styles.rowActions}>
                  <Button size="sm" variant="ghost" onClick={() => setEditing(rule)}>
                    {t("edit")}
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={() => {
                      if (window.confirm(t("rules.confirmDelete", { name: rule.name }))) {
                        deleteRule(rule.id).unwrap().catch(fail);
                      }
                    }}
                  >
                    {t("delete")}
                  </Button>
                </div>
              </td>
            </tr>
          ))
        }
      </ResultsTable>
    </div>
  );
}

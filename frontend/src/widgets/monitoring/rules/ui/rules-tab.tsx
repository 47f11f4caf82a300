"use client";

import { useState } from "react";

import { RuleForm } from "@/features/operations/monitoring-rule-form";
import {
  ActionsHead,
  type AlertRule,
  consoleStyles as styles,
  DeleteButton,
  EditorOrToolbar,
  EnabledCell,
  formatMetricValue,
  ResultsTable,
  RowActions,
  useDeleteRuleMutation,
  useListRulesQuery,
  useUpdateRuleMutation,
} from "@/entities/monitoring";
import { useTranslations } from "@/shared/i18n";
import { Button, cx, useToast } from "@/shared/ui";

function selectorText(rule: AlertRule, all: string): string {
  const selector = rule.host_selector;
  const parts = [
    ...(selector.hosts ?? []),
    ...(selector.sites ?? []),
    ...(selector.projects ?? []),
    ...(selector.targets ?? []),
  ];
  if (selector.name_glob) parts.push(selector.name_glob);
  return parts.length ? parts.join(", ") : all;
}

function allKey(source: string): "rules.allProjects" | "rules.allTargets" | "rules.allHosts" {
  if (source === "ai") return "rules.allProjects";
  if (source === "app") return "rules.allTargets";
  return "rules.allHosts";
}

/** Alert rules: list, create, edit, enable/disable, delete. */
export function RulesTab() {
  const t = useTranslations("monitoring");
  const toast = useToast();
  const rules = useListRulesQuery();
  const [updateRule] = useUpdateRuleMutation();
  const [deleteRule] = useDeleteRuleMutation();
  const [editing, setEditing] = useState<AlertRule | "new" | null>(null);

  return (
    <div className={styles.stack}>
      <EditorOrToolbar
        editing={editing}
        title={(rule) => (rule ? t("rules.editTitle", { name: rule.name }) : t("rules.newTitle"))}
        newLabel={t("rules.new")}
        onNew={() => setEditing("new")}
      >
        {(rule) => (
          <RuleForm
            rule={rule ?? undefined}
            onCancel={() => setEditing(null)}
            onDone={(saved) => {
              setEditing(null);
              toast.show({ tone: "success", message: t("rules.saved", { name: saved.name }) });
            }}
          />
        )}
      </EditorOrToolbar>
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
            <ActionsHead />
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
              <td>{selectorText(rule, t(allKey(rule.source)))}</td>
              <td>
                <span className={cx(styles.sev, styles[`sev_${rule.severity}`])}>{t(`severity.${rule.severity}`)}</span>
              </td>
              <td className={styles.num}>{t("seconds", { count: rule.for_seconds })}</td>
              <td>{rule.channels.map((channel) => channel.name).join(", ") || <span className={styles.muted}>—</span>}</td>
              <td className={cx(styles.num, rule.open_alerts > 0 && styles.bad)}>{rule.open_alerts}</td>
              <EnabledCell
                label={t("rules.toggle", { name: rule.name })}
                enabled={rule.enabled}
                onToggle={(enabled) => updateRule({ id: rule.id, body: { enabled } }).unwrap()}
              />
              <RowActions>
                <Button size="sm" variant="ghost" onClick={() => setEditing(rule)}>
                  {t("edit")}
                </Button>
                <DeleteButton
                  confirmText={t("rules.confirmDelete", { name: rule.name })}
                  onDelete={() => deleteRule(rule.id).unwrap()}
                />
              </RowActions>
            </tr>
          ))
        }
      </ResultsTable>
    </div>
  );
}

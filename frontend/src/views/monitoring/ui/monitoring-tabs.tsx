"use client";

import type { KeyboardEvent } from "react";

import { useTranslations } from "@/shared/i18n";

import styles from "./monitoring.module.css";

export const MONITORING_TABS = [
  "overview",
  "hosts",
  "history",
  "alerts",
  "silences",
  "rules",
  "channels",
  "templates",
  "stats",
  "forecasts",
  "anomalies",
  "tasks",
  "reports",
] as const;
export type MonitoringTab = (typeof MONITORING_TABS)[number];

export function isMonitoringTab(value: string | null): value is MonitoringTab {
  return (MONITORING_TABS as readonly (string | null)[]).includes(value);
}

/** The console's tab bar; arrow keys move between tabs (and focus) as the ARIA tabs pattern asks. */
export function MonitoringTabs({ tab, onSelect }: { tab: MonitoringTab; onSelect: (tab: MonitoringTab) => void }) {
  const t = useTranslations("monitoring");
  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = MONITORING_TABS[(index + step + MONITORING_TABS.length) % MONITORING_TABS.length] ?? "overview";
    onSelect(next);
    document.getElementById(`monitoring-tab-${next}`)?.focus();
  };
  return (
    <div role="tablist" aria-label={t("tabsLabel")} className={styles.tabs}>
      {MONITORING_TABS.map((name, index) => (
        <button
          key={name}
          id={`monitoring-tab-${name}`}
          type="button"
          role="tab"
          aria-selected={tab === name}
          aria-controls="monitoring-panel"
          tabIndex={tab === name ? 0 : -1}
          className={styles.tab}
          onClick={() => onSelect(name)}
          onKeyDown={(event) => onTabKey(event, index)}
        >
          {t(`tabs.${name}`)}
        </button>
      ))}
    </div>
  );
}

"use client";

import { useTranslations } from "@/shared/i18n";
import { SelectField } from "@/shared/ui";

import { useGetMetricCatalogQuery } from "../api/monitoring-api";

/** A counter of missed reports, not a level: charting it says nothing. */
const NOT_CHARTED = new Set(["host.missed_intervals"]);

/** Picks one host metric from the server's catalogue (the current one while it loads). */
export function HostMetricSelect({ value, onChange }: { value: string; onChange: (metric: string) => void }) {
  const t = useTranslations("monitoring");
  const catalog = useGetMetricCatalogQuery();
  const metrics = Object.keys(catalog.data?.sources.host ?? {})
    .filter((name) => !NOT_CHARTED.has(name))
    .sort();
  return (
    <SelectField
      label={t("history.metric")}
      value={value}
      options={(metrics.length ? metrics : [value]).map((name) => ({ value: name, label: name }))}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}

"use client";

import { Bar, BarChart } from "recharts";

import { consoleStyles as styles, type ReportCell, type ReportColumn, type ReportSection } from "@/entities/monitoring";
import { CHART_COLORS, ChartFrame, ChartGrid, ChartTooltip, ChartXAxis, ChartYAxis } from "@/shared/charts";
import { useAppLocale, useFormatter, useTranslations } from "@/shared/i18n";
import { cx } from "@/shared/lib/classnames";
import { Card, EmptyState } from "@/shared/ui";

type Formatter = ReturnType<typeof useFormatter>;

/** A cell in its column's unit ("—" for none). */
export function formatCell(value: ReportCell | undefined, unit: string, format: Formatter): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "string") {
    return unit === "datetime" ? format.dateTime(new Date(value), { dateStyle: "medium", timeStyle: "short" }) : value;
  }
  switch (unit) {
    case "%":
      return `${format.number(value, { maximumFractionDigits: 2 })}%`;
    case "s":
      return value >= 3600
        ? `${format.number(value / 3600, { maximumFractionDigits: 1 })} h`
        : value >= 60
          ? `${format.number(value / 60, { maximumFractionDigits: 1 })} min`
          : `${format.number(value, { maximumFractionDigits: 1 })} s`;
    case "min":
      return `${format.number(value, { maximumFractionDigits: 1 })} min`;
    case "ms":
      return `${format.number(value, { maximumFractionDigits: 1 })} ms`;
    case "usd":
      return format.number(value, { style: "currency", currency: "USD", maximumFractionDigits: 4 });
    default:
      return format.number(value);
  }
}

function title(titles: Record<string, string>, locale: string, fallback: string): string {
  return titles[locale] ?? titles.en ?? fallback;
}

/** Bar chart of one numeric column per row (uptime per host, cost per project). */
function SectionChart({ section, labelKey, valueKey, name }: { section: ReportSection; labelKey: string; valueKey: string; name: string }) {
  const format = useFormatter();
  const column = section.columns.find((item) => item.key === valueKey);
  if (!column || section.rows.length < 2) return null;
  const data = section.rows.map((row) => ({ name: String(row[labelKey] ?? ""), value: Number(row[valueKey] ?? 0) }));
  const tick = (value: number) => formatCell(value, column.unit, format);
  return (
    <div className={styles.chartSmall} role="img" aria-label={name}>
      <ChartFrame>
        <BarChart data={data} margin={{ top: 12, right: 12, bottom: 0, left: 0 }}>
          <ChartGrid dashed />
          <ChartXAxis dataKey="name" ruled />
          <ChartYAxis width={64} ruled formatTick={tick} domain={column.unit === "%" ? [0, 100] : undefined} />
          <ChartTooltip formatter={(value) => tick(Number(value))} />
          <Bar maxBarSize={36} dataKey="value" name={name} fill={CHART_COLORS.primary} isAnimationActive={false} />
        </BarChart>
      </ChartFrame>
    </div>
  );
}

/** An alert severity code as the alert lists show it: a coloured label in the reader's language. */
function SeverityCell({ code }: { code: ReportCell | undefined }) {
  const t = useTranslations("monitoring");
  if (code !== "info" && code !== "warning" && code !== "critical") return <>{code ?? "—"}</>;
  return <span className={cx(styles.sev, styles[`sev_${code}`])}>{t(`severity.${code}`)}</span>;
}

function SectionTable({ section, locale }: { section: ReportSection; locale: string }) {
  const t = useTranslations("monitoringReports");
  const format = useFormatter();
  const numeric = (column: ReportColumn) => !["", "datetime", "severity"].includes(column.unit);
  const hasTotals = Object.keys(section.totals).length > 0;
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table}>
        <thead>
          <tr>
            {section.columns.map((column) => (
              <th key={column.key} className={numeric(column) ? styles.num : undefined}>
                {title(column.titles, locale, column.key)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {section.rows.map((row, index) => (
            <tr key={index} data-testid={`report-row-${section.key}`}>
              {section.columns.map((column) => (
                <td key={column.key} className={numeric(column) ? styles.num : undefined}>
                  {column.unit === "severity" ? <SeverityCell code={row[column.key]} /> : formatCell(row[column.key], column.unit, format)}
                </td>
              ))}
            </tr>
          ))}
          {hasTotals ? (
            <tr data-testid={`report-total-${section.key}`}>
              {section.columns.map((column, index) => (
                <td key={column.key} className={numeric(column) ? styles.num : undefined}>
                  <strong>
                    {index === 0 ? t("total") : column.key in section.totals ? formatCell(section.totals[column.key], column.unit, format) : ""}
                  </strong>
                </td>
              ))}
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}

const CHARTS: Record<string, { label: string; value: string; name: "uptimeChart" | "costChart" }> = {
  uptime: { label: "host", value: "uptime_pct", name: "uptimeChart" },
  ai: { label: "project", value: "cost_usd", name: "costChart" },
};

/** Every section of a built report: a card each, with its note when unavailable. */
export function ReportSections({ sections }: { sections: ReportSection[] }) {
  const t = useTranslations("monitoringReports");
  const { locale } = useAppLocale();
  return (
    <div className={styles.stack}>
      {sections.map((section) => {
        const note = section.note[locale] ?? section.note.en ?? "";
        const chart = CHARTS[section.key];
        return (
          <Card key={section.key} title={title(section.titles, locale, section.key)} flush>
            <div data-testid={`report-section-${section.key}`}>
              {!section.available ? (
                <EmptyState compact title={t("unavailable")} body={note} />
              ) : section.rows.length === 0 ? (
                <EmptyState compact title={t("noRows")} />
              ) : (
                <>
                  {chart ? <SectionChart section={section} labelKey={chart.label} valueKey={chart.value} name={t(chart.name)} /> : null}
                  <SectionTable section={section} locale={locale} />
                  {note ? <p className={styles.muted}>{note}</p> : null}
                </>
              )}
            </div>
          </Card>
        );
      })}
    </div>
  );
}

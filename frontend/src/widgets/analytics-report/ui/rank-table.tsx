"use client";

import type { ReactNode } from "react";

import { useFormatter, useTranslations } from "@/shared/i18n";
import { Card } from "@/shared/ui";

import styles from "./analytics-report.module.css";

export interface RankColumn<R> {
  header: string;
  value: (row: R) => number;
  /** Formats the cell; defaults to a grouped integer. */
  format?: (value: number) => string;
}

export interface RankTableProps<R> {
  title: string;
  description?: string;
  rows: readonly R[];
  rowKey: (row: R) => string;
  labelHeader: string;
  label: (row: R) => ReactNode;
  /** The first column drives the bars; the others are extra figures. */
  columns: readonly [RankColumn<R>, ...RankColumn<R>[]];
  testId?: string;
}

/** A top-N list with a proportional bar behind each row (the Plausible look). */
export function RankTable<R>({ title, description, rows, rowKey, labelHeader, label, columns, testId }: RankTableProps<R>) {
  const t = useTranslations("analyticsReport");
  const format = useFormatter();
  const [main] = columns;
  const max = Math.max(1, ...rows.map((row) => main.value(row)));

  return (
    <Card title={title} description={description} flush headingLevel={3} data-testid={testId}>
      {rows.length === 0 ? (
        <p className={styles.noRows}>{t("noRows")}</p>
      ) : (
        <table className={styles.table}>
          <caption className={styles.caption}>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{labelHeader}</th>
              {columns.map((column) => (
                <th key={column.header} scope="col" className={styles.num}>
                  {column.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={rowKey(row)}>
                <th scope="row" className={styles.labelCell}>
                  <span className={styles.bar} style={{ width: `${(main.value(row) / max) * 100}%` }} aria-hidden="true" />
                  <span className={styles.labelText}>{label(row)}</span>
                </th>
                {columns.map((column) => (
                  <td key={column.header} className={styles.num}>
                    {column.format ? column.format(column.value(row)) : format.number(column.value(row))}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}

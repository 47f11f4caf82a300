"use client";

import type { ReactNode } from "react";

import { asApiError } from "@/shared/api";
import { useTranslations } from "@/shared/i18n";
import { useApiErrorText } from "@/shared/lib/errors";
import { EmptyState, Skeleton } from "@/shared/ui";

import styles from "./console.module.css";

interface ListQuery<Row> {
  isLoading: boolean;
  error?: unknown;
  data?: { results: Row[] };
}

interface ResultsTableProps<Row> {
  query: ListQuery<Row>;
  empty: { title: string; body: string; compact?: boolean };
  /** The header cells (`<th>`s) of the table. */
  head: ReactNode;
  /** The body rows (`<tr>`s) for the loaded results. */
  children: (rows: Row[]) => ReactNode;
  skeletonHeight?: number;
}

/** A list tab's table with its loading, error and empty states, the same on every tab. */
export function ResultsTable<Row>({ query, empty, head, children, skeletonHeight = 120 }: ResultsTableProps<Row>) {
  const t = useTranslations("monitoring");
  const errorText = useApiErrorText();
  if (query.isLoading) return <Skeleton height={skeletonHeight} />;
  if (query.error) return <EmptyState tone="error" title={t("loadError")} body={errorText(asApiError(query.error))} />;
  const rows = query.data?.results ?? [];
  if (!rows.length) return <EmptyState compact={empty.compact} title={empty.title} body={empty.body} />;
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table}>
        <thead>
          <tr>{head}</tr>
        </thead>
        <tbody>{children(rows)}</tbody>
      </table>
    </div>
  );
}

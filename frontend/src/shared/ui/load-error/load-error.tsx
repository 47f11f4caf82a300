"use client";

import type { ReactNode } from "react";

import { asApiError } from "@/shared/api";
import { useTranslations } from "@/shared/i18n";
import { useApiErrorText } from "@/shared/lib/errors";

import { Button } from "../button";
import { EmptyState } from "../empty-state";

export interface LoadErrorProps {
  /** What could not be loaded, e.g. "Could not load the jobs". */
  title: ReactNode;
  /** The query's error: shown as the server's (or the network's) reason. Omit to show the title only. */
  error?: unknown;
  onRetry: () => unknown;
  icon?: ReactNode;
  /** Inside a card or a column rather than a page. */
  compact?: boolean;
}

/** A query that failed: what, why, and "Try again" (refetch). One look for every list and panel. */
export function LoadError({ title, error, onRetry, icon, compact }: LoadErrorProps) {
  const tc = useTranslations("common");
  const errorText = useApiErrorText();
  return (
    <EmptyState
      tone="error"
      compact={compact}
      icon={icon}
      title={title}
      body={error ? errorText(asApiError(error)) : undefined}
      action={
        <Button size={compact ? "sm" : undefined} onClick={() => void onRetry()}>
          {tc("retry")}
        </Button>
      }
    />
  );
}

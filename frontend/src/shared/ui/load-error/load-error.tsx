"use client";

import type { ReactNode } from "react";

import { asApiError } from "@/shared/api";
import { useTranslations } from "@/shared/i18n";
import { useApiErrorText } from "@/shared/lib/errors";

import { Button } from "../button";
import { EmptyState } from "../empty-state";
import { useThrottleRecovery } from "./use-throttle-recovery";

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

/**
 * A query that failed: what, why, and "Try again" (refetch). One look for every list and panel.
 * On the rate limit it also tries again by itself when the server's wait is over.
 */
export function LoadError({ title, error, onRetry, icon, compact }: LoadErrorProps) {
  const tc = useTranslations("common");
  const errorText = useApiErrorText();
  const retryingIn = useThrottleRecovery(error, onRetry);
  const reason = error ? errorText(asApiError(error)) : undefined;
  return (
    <EmptyState
      tone="error"
      compact={compact}
      icon={icon}
      title={title}
      body={retryingIn === null ? reason : `${reason} ${tc("retryingIn", { seconds: retryingIn })}`}
      action={
        <Button size={compact ? "sm" : undefined} onClick={() => void onRetry()}>
          {tc("retry")}
        </Button>
      }
    />
  );
}

"use client";

import Link from "next/link";

import { asApiError } from "@/shared/api";
import { routes } from "@/shared/config";
import { useTranslations } from "@/shared/i18n";
import { useApiErrorText } from "@/shared/lib/errors";
import { Button, buttonClassName, EmptyState, Page, useThrottleRecovery } from "@/shared/ui";

import styles from "./load-error-page.module.css";

export interface LoadErrorPageProps {
  /** The failed query's error (a 404 reads as "not found", anything else shows its message). */
  error: unknown;
  notFoundTitle: string;
  errorTitle: string;
  /** Load it again (refetch): a "Try again" button beside the way back, and on the rate limit a try by itself once the wait is over. */
  onRetry?: () => unknown;
}

const noRetry = () => undefined;

/** A page whose record (a project, a plan) could not be loaded, with the way back to the project list. */
export function LoadErrorPage({ error, notFoundTitle, errorTitle, onRetry }: LoadErrorPageProps) {
  const tc = useTranslations("common");
  const errorText = useApiErrorText();
  const apiError = error ? asApiError(error) : null;
  const notFound = apiError?.status === 404;
  const retryingIn = useThrottleRecovery(onRetry ? error : undefined, onRetry ?? noRetry);
  const reason = apiError && !notFound ? errorText(apiError) : undefined;

  return (
    <Page>
      <EmptyState
        tone="error"
        // What the page failed to show is the page's heading (as on the not-found page).
        title={<span role="heading" aria-level={1}>{notFound ? notFoundTitle : errorTitle}</span>}
        body={retryingIn === null ? reason : `${reason} ${tc("retryingIn", { seconds: retryingIn })}`}
        action={
          <div className={styles.actions}>
            {onRetry && !notFound ? (
              <Button variant="primary" onClick={() => void onRetry()}>
                {tc("retry")}
              </Button>
            ) : null}
            <Link href={routes.projects} className={buttonClassName()}>
              {tc("backToProjects")}
            </Link>
          </div>
        }
      />
    </Page>
  );
}

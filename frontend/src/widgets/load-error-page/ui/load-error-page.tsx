"use client";

import Link from "next/link";

import { asApiError } from "@/shared/api";
import { routes } from "@/shared/config";
import { useTranslations } from "@/shared/i18n";
import { useApiErrorText } from "@/shared/lib/errors";
import { buttonClassName, EmptyState, Page } from "@/shared/ui";

export interface LoadErrorPageProps {
  /** The failed query's error (a 404 reads as "not found", anything else shows its message). */
  error: unknown;
  notFoundTitle: string;
  errorTitle: string;
}

/** A page whose record (a project, a plan) could not be loaded, with the way back to the project list. */
export function LoadErrorPage({ error, notFoundTitle, errorTitle }: LoadErrorPageProps) {
  const tc = useTranslations("common");
  const errorText = useApiErrorText();
  const apiError = error ? asApiError(error) : null;
  const notFound = apiError?.status === 404;

  return (
    <Page>
      <EmptyState
        tone="error"
        // What the page failed to show is the page's heading (as on the not-found page).
        title={<span role="heading" aria-level={1}>{notFound ? notFoundTitle : errorTitle}</span>}
        body={apiError && !notFound ? errorText(apiError) : undefined}
        action={
          <Link href={routes.projects} className={buttonClassName()}>
            {tc("backToProjects")}
          </Link>
        }
      />
    </Page>
  );
}

"use client";

import { useEffect } from "react";

import { useTranslations } from "@/shared/i18n";
import { AlertCircleIcon, Button, EmptyState } from "@/shared/ui";

export interface ErrorPageProps {
  error: Error & { digest?: string };
  reset: () => void;
}

/** Render errors inside a route: say so and offer a retry, never a blank screen. */
export function ErrorPage({ error, reset }: ErrorPageProps) {
  const t = useTranslations("errorPage");
  const tc = useTranslations("common");

  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    // The boundary replaces the whole page: it is the page's main content and names it.
    <main style={{ padding: "var(--space-16) var(--space-6)" }}>
      <EmptyState
        tone="error"
        icon={<AlertCircleIcon size={20} />}
        title={<span role="heading" aria-level={1}>{t("title")}</span>}
        body={
          <>
            {t("body")}
            {error.digest ? <><br />{tc("requestId", { id: error.digest })}</> : null}
          </>
        }
        action={<Button onClick={reset}>{tc("retry")}</Button>}
      />
    </main>
  );
}

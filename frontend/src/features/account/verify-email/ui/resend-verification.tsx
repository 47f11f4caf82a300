"use client";

import { useState } from "react";

import { useTranslations } from "@/shared/i18n";
import { useApiErrorText } from "@/shared/lib/errors";
import { asApiError, type ApiError } from "@/shared/api";
import { Button } from "@/shared/ui";

import { useResendVerificationMutation } from "../api/verify-email-api";

/** "Send the link again" for an address waiting for verification. */
export function ResendVerification({ email }: { email: string }) {
  const t = useTranslations("auth.verify");
  const errorText = useApiErrorText();
  const [resend, { isLoading }] = useResendVerificationMutation();
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const onClick = async () => {
    setError(null);
    try {
      await resend({ email }).unwrap();
      setSent(true);
    } catch (caught) {
      setError(asApiError(caught));
    }
  };

  return (
    <div>
      <Button type="button" variant="secondary" size="sm" loading={isLoading} disabled={!email} onClick={onClick}>
        {t("resend")}
      </Button>
      <p role="status" aria-live="polite" style={{ fontSize: "var(--text-xs)", margin: "var(--space-2) 0 0" }}>
        {sent ? t("resent", { email }) : error ? errorText(error) : null}
      </p>
    </div>
  );
}

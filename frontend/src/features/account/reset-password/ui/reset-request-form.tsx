"use client";

import { useCallback, useState } from "react";

import { useTranslations } from "@/shared/i18n";
import { serverFieldErrors, useApiErrorText, useValidationText } from "@/shared/lib/errors";
import { useFormState } from "@/shared/lib/form";
import { Button, EmptyState, Form, FormAlert, MailIcon, TextField } from "@/shared/ui";

import { useRequestPasswordResetMutation } from "../api/reset-api";
import { validateResetRequest, type ResetRequestValues } from "../model/validate";

export function ResetRequestForm() {
  const t = useTranslations("auth.reset");
  const errorText = useApiErrorText();
  const issueText = useValidationText();
  const [request] = useRequestPasswordResetMutation();
  const [sentTo, setSentTo] = useState<string | null>(null);

  const submit = useCallback(
    async (values: ResetRequestValues) => {
      await request({ email: values.email.trim() }).unwrap();
      setSentTo(values.email.trim());
    },
    [request],
  );
  const form = useFormState<ResetRequestValues>({ initial: { email: "" }, validate: validateResetRequest, submit });
  const server = serverFieldErrors(form.serverError, ["email"] as const);

  if (sentTo) {
    return (
      <div role="status">
        <EmptyState
          compact
          icon={<MailIcon size={20} />}
          title={t("sentTitle")}
          body={t("sentBody", { email: sentTo })}
        />
      </div>
    );
  }

  return (
    <Form onSubmit={form.handleSubmit} aria-label={t("title")}>
      {form.serverError ? <FormAlert tone="error">{errorText(form.serverError)}</FormAlert> : null}
      <TextField
        label={t("email")}
        type="email"
        autoComplete="email"
        inputMode="email"
        required
        autoFocus
        error={issueText(form.issues.email) ?? server.email}
        {...form.register("email")}
      />
      <Button type="submit" variant="primary" fullWidth loading={form.submitting}>
        {form.submitting ? t("submitting") : t("submit")}
      </Button>
    </Form>
  );
}

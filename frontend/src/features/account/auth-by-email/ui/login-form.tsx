"use client";

import { useCallback, type ReactNode } from "react";

import { useTranslations } from "@/shared/i18n";
import { serverFieldErrors, useApiErrorText, useValidationText } from "@/shared/lib/errors";
import { useFormState } from "@/shared/lib/form";
import { Button, Form, FormAlert, TextField } from "@/shared/ui";

import { useLoginMutation } from "../api/login-api";
import { validateLogin, type LoginValues } from "../model/validate";

const FIELDS = ["email", "password"] as const;

export interface LoginFormProps {
  onSuccess?: () => void;
  /** Extra content under the password label (e.g. "forgot password?" link). */
  passwordAside?: ReactNode;
  /** Prefills the e-mail field (e.g. after following a verification link). */
  initialEmail?: string;
  /** Shown when the account's e-mail is not verified yet (e.g. a "send the link again" action). */
  notVerifiedAction?: (email: string) => ReactNode;
}

export function LoginForm({ onSuccess, passwordAside, notVerifiedAction, initialEmail = "" }: LoginFormProps) {
  const t = useTranslations("auth.login");
  const tc = useTranslations("common");
  const errorText = useApiErrorText();
  const issueText = useValidationText();
  const [login] = useLoginMutation();

  const submit = useCallback((values: LoginValues) => login({ email: values.email.trim(), password: values.password }).unwrap(), [login]);
  const form = useFormState<LoginValues>({
    initial: { email: initialEmail, password: "" },
    validate: validateLogin,
    submit,
    onSuccess,
  });
  const server = serverFieldErrors(form.serverError, FIELDS);

  return (
    <Form onSubmit={form.handleSubmit} aria-label={t("title")}>
      {form.serverError?.code === "email_not_verified" ? (
        <FormAlert tone="info">
          {t("notVerified")}
          {notVerifiedAction ? <div>{notVerifiedAction(form.values.email.trim())}</div> : null}
        </FormAlert>
      ) : form.serverError ? (
        <FormAlert tone="error" meta={form.serverError.requestId ? tc("requestId", { id: form.serverError.requestId }) : undefined}>
          {errorText(form.serverError)}
        </FormAlert>
      ) : null}
      <TextField
        label={t("email")}
        type="email"
        autoComplete="email"
        inputMode="email"
        required
        autoFocus={!initialEmail}
        error={issueText(form.issues.email) ?? server.email}
        {...form.register("email")}
      />
      <TextField
        label={t("password")}
        type="password"
        autoComplete="current-password"
        required
        autoFocus={Boolean(initialEmail)}
        labelAside={passwordAside}
        revealLabels={{ show: tc("showPassword"), hide: tc("hidePassword") }}
        error={issueText(form.issues.password) ?? server.password}
        {...form.register("password")}
      />
      <Button type="submit" variant="primary" fullWidth loading={form.submitting}>
        {form.submitting ? t("submitting") : t("submit")}
      </Button>
    </Form>
  );
}

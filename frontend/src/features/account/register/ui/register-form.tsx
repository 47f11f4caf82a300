"use client";

import { useCallback } from "react";

import { useAppLocale, useTranslations } from "@/shared/i18n";
import { otherServerErrors, serverFieldErrors, useApiErrorText, useValidationText } from "@/shared/lib/errors";
import { useFormState } from "@/shared/lib/form";
import { Button, Form, FormAlert, TextField } from "@/shared/ui";

import { useRegisterMutation } from "../api/register-api";
import { validateRegister, type RegisterValues } from "../model/validate";

const FIELDS = ["display_name", "email", "password"] as const;

export interface RegisterFormProps {
  /** Called with the address the verification link went to. */
  onRegistered?: (email: string) => void;
}

export function RegisterForm({ onRegistered }: RegisterFormProps) {
  const t = useTranslations("auth.register");
  const tc = useTranslations("common");
  const errorText = useApiErrorText();
  const issueText = useValidationText();
  const { locale } = useAppLocale();
  const [register] = useRegisterMutation();

  const submit = useCallback(
    async (values: RegisterValues) => {
      const answer = await register({
        display_name: values.display_name.trim(),
        email: values.email.trim(),
        password: values.password,
        locale,
      }).unwrap();
      onRegistered?.(answer.email);
    },
    [register, locale, onRegistered],
  );
  const form = useFormState<RegisterValues>({
    initial: { display_name: "", email: "", password: "", password_confirm: "" },
    validate: validateRegister,
    submit,
  });
  const server = serverFieldErrors(form.serverError, FIELDS);
  const other = otherServerErrors(form.serverError, FIELDS);
  const reveal = { show: tc("showPassword"), hide: tc("hidePassword") };

  return (
    <Form onSubmit={form.handleSubmit} aria-label={t("title")}>
      {form.serverError ? (
        <FormAlert tone="error" meta={form.serverError.requestId ? tc("requestId", { id: form.serverError.requestId }) : undefined}>
          {errorText(form.serverError)}
          {other.length > 0 ? (
            <ul>
              {other.map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          ) : null}
        </FormAlert>
      ) : null}
      <TextField
        label={t("displayName")}
        hint={t("displayNameHint")}
        autoComplete="name"
        required
        autoFocus
        error={issueText(form.issues.display_name) ?? server.display_name}
        {...form.register("display_name")}
      />
      <TextField
        label={t("email")}
        type="email"
        autoComplete="email"
        inputMode="email"
        required
        error={issueText(form.issues.email) ?? server.email}
        {...form.register("email")}
      />
      <TextField
        label={t("password")}
        type="password"
        autoComplete="new-password"
        hint={t("passwordHint")}
        required
        revealLabels={reveal}
        error={issueText(form.issues.password) ?? server.password}
        {...form.register("password")}
      />
      <TextField
        label={t("passwordConfirm")}
        type="password"
        autoComplete="new-password"
        required
        revealLabels={reveal}
        error={issueText(form.issues.password_confirm)}
        {...form.register("password_confirm")}
      />
      <Button type="submit" variant="primary" fullWidth loading={form.submitting}>
        {form.submitting ? t("submitting") : t("submit")}
      </Button>
    </Form>
  );
}

"use client";

import { useCallback, useState } from "react";

import { useTranslations } from "@/shared/i18n";
import { serverFieldErrors, useApiErrorText, useValidationText } from "@/shared/lib/errors";
import { useFormState } from "@/shared/lib/form";
import { Button, Form, FormActions, FormAlert, NewPasswordFields, TextField } from "@/shared/ui";

import { useChangePasswordMutation } from "../api/change-password-api";
import { validateChangePassword, type ChangePasswordValues } from "../model/validate";

const FIELDS = ["old_password", "new_password"] as const;
const EMPTY: ChangePasswordValues = { old_password: "", new_password: "", confirm: "" };

export function ChangePasswordForm() {
  const t = useTranslations("profile");
  const tc = useTranslations("common");
  const errorText = useApiErrorText();
  const issueText = useValidationText();
  const [changePassword] = useChangePasswordMutation();
  const [changed, setChanged] = useState(false);

  const submit = useCallback(
    (values: ChangePasswordValues) => {
      setChanged(false);
      return changePassword({ old_password: values.old_password, new_password: values.new_password }).unwrap();
    },
    [changePassword],
  );
  const onSuccess = useCallback(({ reset }: { reset: (values: ChangePasswordValues) => void }) => {
    reset(EMPTY);
    setChanged(true);
  }, []);
  const form = useFormState<ChangePasswordValues>({ initial: EMPTY, validate: validateChangePassword, submit, onSuccess });
  const server = serverFieldErrors(form.serverError, FIELDS);
  const reveal = { show: tc("showPassword"), hide: tc("hidePassword") };

  return (
    <Form aria-label={t("sectionPassword")} onSubmit={form.handleSubmit}>
      {form.serverError ? <FormAlert tone="error">{errorText(form.serverError)}</FormAlert> : null}
      {changed ? <FormAlert tone="success">{t("passwordChanged")}</FormAlert> : null}
      <TextField
        label={t("oldPassword")}
        type="password"
        autoComplete="current-password"
        required
        revealLabels={reveal}
        error={issueText(form.issues.old_password) ?? server.old_password}
        {...form.register("old_password")}
      />
      <NewPasswordFields
        password={form.register("new_password")}
        confirm={form.register("confirm")}
        passwordLabel={t("newPassword")}
        confirmLabel={t("confirmPassword")}
        hint={tc("passwordHint")}
        passwordError={issueText(form.issues.new_password) ?? server.new_password}
        confirmError={issueText(form.issues.confirm)}
      />
      <FormActions>
        <Button type="submit" variant="secondary" loading={form.submitting}>
          {t("changePassword")}
        </Button>
      </FormActions>
    </Form>
  );
}

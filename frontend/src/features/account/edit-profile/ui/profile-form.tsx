"use client";

import { useCallback, useMemo, useState } from "react";

import { useUpdateMeMutation, type User } from "@/entities/user";
import { isLocale, LOCALES, useAppLocale, useTranslations } from "@/shared/i18n";
import { serverFieldErrors, useApiErrorText, useValidationText } from "@/shared/lib/errors";
import { useFormState } from "@/shared/lib/form";
import { Button, Form, FormActions, FormAlert, FormRow, SelectField, TextField } from "@/shared/ui";

import { timeZoneOptions } from "../model/timezones";
import { validateProfile, type ProfileValues } from "../model/validate";

const FIELDS = ["display_name", "locale", "timezone"] as const;

export function ProfileForm({ user }: { user: User }) {
  const t = useTranslations("profile");
  const tl = useTranslations("locale");
  const tc = useTranslations("common");
  const errorText = useApiErrorText();
  const issueText = useValidationText();
  const { setLocale } = useAppLocale();
  const [updateMe] = useUpdateMeMutation();
  const [saved, setSaved] = useState(false);

  const submit = useCallback(
    async (values: ProfileValues) => {
      setSaved(false);
      const locale = isLocale(values.locale) ? values.locale : user.locale;
      const updated = await updateMe({
        display_name: values.display_name.trim(),
        locale,
        timezone: values.timezone,
      }).unwrap();
      setLocale(updated.locale);
    },
    [updateMe, setLocale, user.locale],
  );
  const onSuccess = useCallback(() => setSaved(true), []);
  const form = useFormState<ProfileValues>({
    initial: { display_name: user.display_name, locale: user.locale, timezone: user.timezone },
    validate: validateProfile,
    submit,
    onSuccess,
  });
  const server = serverFieldErrors(form.serverError, FIELDS);
  const zones = useMemo(() => timeZoneOptions(user.timezone), [user.timezone]);
  const locales = LOCALES.map((value) => ({ value, label: tl(value) }));

  return (
    <Form aria-label={t("sectionProfile")} onSubmit={form.handleSubmit}>
      {form.serverError ? (
        <FormAlert tone="error" meta={form.serverError.requestId ? tc("requestId", { id: form.serverError.requestId }) : undefined}>
          {errorText(form.serverError)}
        </FormAlert>
      ) : null}
      {saved ? <FormAlert tone="success">{t("saved")}</FormAlert> : null}
      <TextField label={t("email")} value={user.email} readOnly hint={t("emailHint")} type="email" name="email" />
      <TextField
        label={t("displayName")}
        autoComplete="name"
        required
        error={issueText(form.issues.display_name) ?? server.display_name}
        {...form.register("display_name")}
      />
      <FormRow>
        <SelectField label={t("locale")} options={locales} error={server.locale} {...form.register("locale")} />
        <SelectField label={t("timezone")} options={zones} error={server.timezone} {...form.register("timezone")} />
      </FormRow>
      <FormActions>
        <Button type="submit" variant="primary" loading={form.submitting}>
          {form.submitting ? tc("saving") : t("save")}
        </Button>
      </FormActions>
    </Form>
  );
}

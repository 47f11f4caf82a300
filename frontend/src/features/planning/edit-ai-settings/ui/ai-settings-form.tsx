"use client";

import { useCallback, useState } from "react";

import { useUpdateAISettingsMutation, type AISettings } from "@/entities/ai-job";
import { useTranslations } from "@/shared/i18n";
import { serverFieldErrors, useApiErrorText } from "@/shared/lib/errors";
import { useFormState } from "@/shared/lib/form";
import type { FieldIssues } from "@/shared/lib/validation";
import { Button, Form, FormActions, FormAlert, FormRow, TextField } from "@/shared/ui";

import {
  settingsToValues,
  validateAISettings,
  valuesToSettings,
  type AISettingsValues,
} from "../model/validate";

const FIELDS = ["monthly_budget_usd", "approval_threshold_usd", "model"] as const;

export interface AISettingsFormProps {
  projectId: string;
  settings: AISettings;
  /** Null when the user may edit; otherwise why not (the form is read-only). */
  disabledReason?: string | null;
}

/** Monthly budget, approval threshold and model of a project (owner, manager). */
export function AISettingsForm({ projectId, settings, disabledReason }: AISettingsFormProps) {
  const t = useTranslations("aiJobsSettings");
  const tc = useTranslations("common");
  const errorText = useApiErrorText();
  const [update] = useUpdateAISettingsMutation();
  const [saved, setSaved] = useState(false);

  // The shared form state only needs to know which fields are invalid (to block and focus);
  // the wording comes from our own issue, recomputed below.
  const validate = useCallback((values: AISettingsValues): FieldIssues<keyof AISettingsValues & string> => {
    const out: FieldIssues<keyof AISettingsValues & string> = {};
    for (const field of Object.keys(validateAISettings(values))) out[field] = { key: "required" };
    return out;
  }, []);
  const submit = useCallback(
    async (values: AISettingsValues) => {
      setSaved(false);
      await update({ projectId, body: valuesToSettings(values) }).unwrap();
    },
    [update, projectId],
  );
  const onSuccess = useCallback(() => setSaved(true), []);
  const form = useFormState<AISettingsValues>({ initial: settingsToValues(settings), validate, submit, onSuccess });
  const server = serverFieldErrors(form.serverError, FIELDS);
  const issue = (field: (typeof FIELDS)[number]) => {
    const found = form.issues[field] ? validateAISettings(form.values)[field] : undefined;
    return found ? t(`errors.${found}`) : (server[field] ?? null);
  };
  const readOnly = Boolean(disabledReason);

  return (
    <Form aria-label={t("title")} onSubmit={form.handleSubmit}>
      {disabledReason ? <FormAlert tone="info">{disabledReason}</FormAlert> : null}
      {form.serverError ? (
        <FormAlert tone="error" meta={form.serverError.requestId ? tc("requestId", { id: form.serverError.requestId }) : undefined}>
          {errorText(form.serverError)}
        </FormAlert>
      ) : null}
      {saved ? <FormAlert tone="success">{t("saved")}</FormAlert> : null}
      <FormRow>
        <TextField
          label={t("budget")}
          inputMode="decimal"
          hint={t("budgetHint")}
          readOnly={readOnly}
          error={issue("monthly_budget_usd")}
          {...form.register("monthly_budget_usd")}
        />
        <TextField
          label={t("threshold")}
          inputMode="decimal"
          hint={t("thresholdHint")}
          readOnly={readOnly}
          error={issue("approval_threshold_usd")}
          {...form.register("approval_threshold_usd")}
        />
      </FormRow>
      <TextField
        label={t("model")}
        placeholder={settings.effective_model}
        hint={t("modelHint", { model: settings.effective_model })}
        readOnly={readOnly}
        error={issue("model")}
        {...form.register("model")}
      />
      {readOnly ? null : (
        <FormActions>
          <Button type="submit" variant="primary" loading={form.submitting}>
            {form.submitting ? tc("saving") : t("save")}
          </Button>
        </FormActions>
      )}
    </Form>
  );
}

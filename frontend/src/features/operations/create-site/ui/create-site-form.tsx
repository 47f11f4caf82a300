"use client";

import { useRef, useState, type FormEvent } from "react";

import { DEFAULT_RETENTION_DAYS, MAX_RETENTION_DAYS, useCreateSiteMutation, type Site } from "@/entities/site";
import { asApiError, type ApiError } from "@/shared/api";
import { useTranslations } from "@/shared/i18n";
import { otherServerErrors, serverFieldErrors, useApiErrorText } from "@/shared/lib/errors";
import { Button, Form, FormActions, FormAlert, FormRow, TextAreaField, TextField } from "@/shared/ui";

import { toSiteCreate, validateSiteForm, type SiteFormIssue, type SiteFormIssues, type SiteFormValues } from "../model/validate";

const SERVER_FIELDS = ["name", "allowed_origins", "retention_days"] as const;

export interface CreateSiteFormProps {
  onCreated: (site: Site) => void;
  onCancel?: () => void;
  /** Pre-filled origin, e.g. the page's own origin for dogfooding. */
  suggestedOrigin?: string;
}

/** Register a site that will embed the tracker: name, allowed origins, retention. */
export function CreateSiteForm({ onCreated, onCancel, suggestedOrigin = "" }: CreateSiteFormProps) {
  const t = useTranslations("analyticsSites");
  const tc = useTranslations("common");
  const errorText = useApiErrorText();
  const [createSite, { isLoading }] = useCreateSiteMutation();
  const [values, setValues] = useState<SiteFormValues>({
    name: "",
    origins: suggestedOrigin,
    retention: String(DEFAULT_RETENTION_DAYS),
  });
  const [issues, setIssues] = useState<SiteFormIssues>({});
  const [attempted, setAttempted] = useState(false);
  const [serverError, setServerError] = useState<ApiError | null>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const originsRef = useRef<HTMLTextAreaElement>(null);
  const retentionRef = useRef<HTMLInputElement>(null);

  function change(field: keyof SiteFormValues, value: string) {
    const next = { ...values, [field]: value };
    setValues(next);
    if (attempted) setIssues(validateSiteForm(next));
  }

  function issueText(issue: SiteFormIssue | undefined): string | null {
    if (!issue) return null;
    return "values" in issue ? t(`errors.${issue.key}`, issue.values) : t(`errors.${issue.key}`);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setAttempted(true);
    const found = validateSiteForm(values);
    setIssues(found);
    if (found.name) return nameRef.current?.focus();
    if (found.origins) return originsRef.current?.focus();
    if (found.retention) return retentionRef.current?.focus();
    setServerError(null);
    try {
      const site = await createSite(toSiteCreate(values)).unwrap();
      onCreated(site);
    } catch (error) {
      const apiError = asApiError(error);
      setServerError(apiError);
      if (apiError.details.name) nameRef.current?.focus();
      else if (apiError.details.allowed_origins) originsRef.current?.focus();
      else if (apiError.details.retention_days) retentionRef.current?.focus();
    }
  }

  const server = serverFieldErrors(serverError, SERVER_FIELDS);
  const other = otherServerErrors(serverError, SERVER_FIELDS);

  return (
    <Form onSubmit={(event) => void submit(event)} aria-label={t("createTitle")}>
      {serverError ? (
        <FormAlert tone="error" meta={serverError.requestId ? tc("requestId", { id: serverError.requestId }) : undefined}>
          {errorText(serverError)}
          {other.length > 0 ? (
            <ul>
              {other.map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          ) : null}
        </FormAlert>
      ) : null}
      <FormRow>
        <TextField
          ref={nameRef}
          label={t("name")}
          placeholder={t("namePlaceholder")}
          autoComplete="off"
          required
          autoFocus
          value={values.name}
          onChange={(event) => change("name", event.target.value)}
          error={issueText(issues.name) ?? server.name}
        />
        <TextField
          ref={retentionRef}
          label={t("retention")}
          hint={t("retentionHint")}
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_RETENTION_DAYS}
          required
          value={values.retention}
          onChange={(event) => change("retention", event.target.value)}
          error={issueText(issues.retention) ?? server.retention_days}
        />
      </FormRow>
      <TextAreaField
        ref={originsRef}
        label={t("origins")}
        hint={t("originsHint")}
        placeholder={"https://www.example.com\nhttps://shop.example.com"}
        rows={3}
        spellCheck={false}
        required
        value={values.origins}
        onChange={(event) => change("origins", event.target.value)}
        error={issueText(issues.origins) ?? server.allowed_origins}
      />
      <FormActions end>
        {onCancel ? (
          <Button variant="ghost" onClick={onCancel}>
            {t("cancel")}
          </Button>
        ) : null}
        <Button type="submit" variant="primary" loading={isLoading}>
          {t("create")}
        </Button>
      </FormActions>
    </Form>
  );
}

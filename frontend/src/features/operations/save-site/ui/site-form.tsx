"use client";

import { useRef, useState, type FormEvent } from "react";

import {
  DEFAULT_RETENTION_DAYS,
  MAX_RETENTION_DAYS,
  useCreateSiteMutation,
  useUpdateSiteMutation,
  type Site,
} from "@/entities/site";
import { asApiError, type ApiError } from "@/shared/api";
import { useTranslations } from "@/shared/i18n";
import { otherServerErrors, serverFieldErrors, useApiErrorText } from "@/shared/lib/errors";
import { Button, Form, FormActions, FormAlert, FormRow, TextAreaField, TextField } from "@/shared/ui";

import {
  siteFormValues,
  toSiteCreate,
  validateSiteForm,
  type SiteFormIssue,
  type SiteFormIssues,
  type SiteFormValues,
} from "../model/validate";

const SERVER_FIELDS = ["name", "allowed_origins", "retention_days"] as const;

export interface SiteFormProps {
  /** The site to edit; without it the form registers a new one. */
  site?: Site;
  onSaved: (site: Site) => void;
  onCancel?: () => void;
  /** Pre-filled origin of a new site, e.g. the page's own origin for dogfooding. */
  suggestedOrigin?: string;
}

/** Register a site that will embed the tracker, or change one: name, allowed origins, retention. */
export function SiteForm({ site, onSaved, onCancel, suggestedOrigin = "" }: SiteFormProps) {
  const t = useTranslations("analyticsSites");
  const tc = useTranslations("common");
  const errorText = useApiErrorText();
  const [createSite, creating] = useCreateSiteMutation();
  const [updateSite, updating] = useUpdateSiteMutation();
  const [values, setValues] = useState<SiteFormValues>(() =>
    site ? siteFormValues(site) : { name: "", origins: suggestedOrigin, retention: String(DEFAULT_RETENTION_DAYS) },
  );
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
      const body = toSiteCreate(values);
      onSaved(await (site ? updateSite({ id: site.id, ...body }) : createSite(body)).unwrap());
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
    <Form onSubmit={(event) => void submit(event)} aria-label={site ? t("editTitle") : t("createTitle")}>
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
          autoFocus={!site}
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
        <Button type="submit" variant="primary" loading={creating.isLoading || updating.isLoading}>
          {site ? t("save") : t("create")}
        </Button>
      </FormActions>
    </Form>
  );
}

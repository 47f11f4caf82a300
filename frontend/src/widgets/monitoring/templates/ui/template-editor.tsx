"use client";

import { useEffect, useState, type FormEvent } from "react";

import {
  consoleStyles as styles,
  type NotificationTemplate,
  type TemplateEvent,
  type TemplatePreview,
  useCreateTemplateMutation,
  usePreviewTemplateMutation,
  useUpdateTemplateMutation,
} from "@/entities/monitoring";
import { asApiError, eventTypeEnumValues, type ApiError } from "@/shared/api";
import { serverFieldErrors, useApiErrorText } from "@/shared/lib/errors";
import { LOCALE_OPTIONS, useTranslations } from "@/shared/i18n";
import { Button, cx, Form, FormActions, SelectField, Skeleton, TextField, useToast } from "@/shared/ui";

const FIELDS = ["name", "subject", "body"] as const;
const STARTER = {
  subject: "[{{ alert.severity|upper }}] {{ rule.name }} — {{ target.name }}",
  body: "{{ rule.metric }} = {{ alert.value }} ({{ rule.operator }} {{ rule.threshold }})\n{{ alert.url }}",
};

/** Create or edit a template, with the server's rendering as a preview. */
export function TemplateEditor({ template, onDone }: { template: NotificationTemplate | null; onDone: () => void }) {
  const t = useTranslations("monitoring");
  const toast = useToast();
  const errorText = useApiErrorText();
  const [create, creating] = useCreateTemplateMutation();
  const [update, updating] = useUpdateTemplateMutation();
  const [previewTemplate] = usePreviewTemplateMutation();
  const [name, setName] = useState(template?.name ?? "default");
  const [eventType, setEventType] = useState<TemplateEvent>(template?.event_type ?? "alert.firing");
  const [locale, setLocale] = useState<"ko" | "en">(template?.locale ?? "ko");
  const [subject, setSubject] = useState(template?.subject ?? STARTER.subject);
  const [body, setBody] = useState(template?.body ?? STARTER.body);
  const [error, setError] = useState<ApiError | null>(null);
  const [preview, setPreview] = useState<TemplatePreview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);

  // Render against the sample context as the author types (syntax errors show here before saving).
  useEffect(() => {
    const timer = window.setTimeout(() => {
      previewTemplate({ event_type: eventType, subject, body })
        .unwrap()
        .then((result) => {
          setPreview(result);
          setPreviewError(null);
        })
        .catch((failure: unknown) => {
          const apiError = asApiError(failure);
          setPreviewError(Object.values(apiError.details).flat()[0] ?? errorText(apiError));
        });
    }, 400);
    return () => window.clearTimeout(timer);
  }, [eventType, subject, body, previewTemplate, errorText]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const input = { name: name.trim(), event_type: eventType, locale, subject, body };
    (template ? update({ id: template.id, body: input }) : create(input))
      .unwrap()
      .then(() => {
        toast.show({ tone: "success", message: t("templates.saved") });
        onDone();
      })
      .catch((failure: unknown) => setError(asApiError(failure)));
  };
  const server = serverFieldErrors(error, FIELDS);

  return (
    <div className={styles.split}>
      <Form onSubmit={onSubmit} aria-label={t("templates.editor")}>
        <div className={styles.kv}>
          <TextField label={t("templates.name")} value={name} onChange={(event) => setName(event.target.value)} error={server.name} />
          <SelectField
            label={t("templates.event")}
            value={eventType}
            options={eventTypeEnumValues.map((value) => ({ value, label: value }))}
            onChange={(event) => setEventType(event.target.value as TemplateEvent)}
          />
          <SelectField
            label={t("templates.locale")}
            value={locale}
            options={LOCALE_OPTIONS}
            onChange={(event) => setLocale(event.target.value as "ko" | "en")}
          />
        </div>
        <TextField label={t("templates.subject")} value={subject} onChange={(event) => setSubject(event.target.value)} error={server.subject} />
        <label className={styles.textareaLabel}>
          {t("templates.body")}
          <textarea className={cx(styles.textarea, styles.tall)} value={body} onChange={(event) => setBody(event.target.value)} />
        </label>
        {server.body ? <p className={styles.bad}>{server.body}</p> : null}
        {error && Object.keys(server).length === 0 ? <p className={styles.bad}>{errorText(error)}</p> : null}
        <p className={styles.muted}>{t("templates.contextHelp")}</p>
        <FormActions end>
          <Button type="button" variant="ghost" onClick={onDone}>
            {t("cancel")}
          </Button>
          <Button type="submit" variant="primary" loading={creating.isLoading || updating.isLoading}>
            {t("save")}
          </Button>
        </FormActions>
      </Form>
      <section aria-live="polite" aria-label={t("templates.preview")} className={styles.stack}>
        <h3 className={styles.hostName}>{t("templates.preview")}</h3>
        {previewError ? (
          <p className={styles.bad} role="alert">
            {previewError}
          </p>
        ) : preview ? (
          <div className={styles.previewBox} data-testid="template-preview">
            <strong>{preview.subject}</strong>
            {"\n\n"}
            {preview.body}
          </div>
        ) : (
          <Skeleton height={80} />
        )}
      </section>
    </div>
  );
}

"use client";

import { useState, type FormEvent } from "react";

import { type Channel, type ChannelKind, consoleStyles as styles, useCreateChannelMutation } from "@/entities/monitoring";
import { asApiError, monitoringChannelKindEnumValues, type ApiError } from "@/shared/api";
import { serverFieldErrors, useApiErrorText } from "@/shared/lib/errors";
import { LOCALE_OPTIONS, useTranslations } from "@/shared/i18n";
import { Button, Card, Form, FormActions, FormAlert, SelectField, TextField } from "@/shared/ui";

const FIELDS = ["name", "recipients", "url"] as const;

/** A new channel (email, signed webhook or Slack); a webhook's signing secret is shown once, by the caller. */
export function ChannelForm({ onCreated }: { onCreated: (channel: Channel) => void }) {
  const t = useTranslations("monitoring");
  const errorText = useApiErrorText();
  const [create, creating] = useCreateChannelMutation();
  const [name, setName] = useState("");
  const [kind, setKind] = useState<ChannelKind>("email");
  const [locale, setLocale] = useState<"ko" | "en">("ko");
  const [recipients, setRecipients] = useState("");
  const [url, setUrl] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const [local, setLocal] = useState<Partial<Record<(typeof FIELDS)[number], string>>>({});

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const list = recipients.split(/[,\s]+/).filter(Boolean);
    const problems: typeof local = {};
    if (!name.trim()) problems.name = t("channels.errors.name");
    if (kind === "email" && (list.length === 0 || list.some((item) => !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(item)))) {
      problems.recipients = t("channels.errors.recipients");
    }
    if (kind !== "email" && !/^https?:\/\/\S+$/.test(url.trim())) problems.url = t("channels.errors.url");
    setLocal(problems);
    if (Object.keys(problems).length) return;
    setError(null);
    create({ name: name.trim(), kind, locale, enabled: true, ...(kind === "email" ? { recipients: list } : { url: url.trim() }) })
      .unwrap()
      .then((channel) => {
        setName("");
        setRecipients("");
        setUrl("");
        onCreated(channel);
      })
      .catch((failure: unknown) => setError(asApiError(failure)));
  };
  const server = serverFieldErrors(error, FIELDS);

  return (
    <Card title={t("channels.newTitle")} headingLevel={2}>
      <Form onSubmit={onSubmit}>
        {error && Object.keys(server).length === 0 ? <FormAlert>{errorText(error)}</FormAlert> : null}
        <div className={styles.kv}>
          <TextField label={t("channels.name")} value={name} onChange={(event) => setName(event.target.value)} error={local.name ?? server.name} />
          <SelectField
            label={t("channels.kind")}
            value={kind}
            options={monitoringChannelKindEnumValues.map((value) => ({ value, label: t(`channels.kinds.${value}`) }))}
            onChange={(event) => setKind(event.target.value as ChannelKind)}
          />
          <SelectField
            label={t("channels.locale")}
            value={locale}
            options={LOCALE_OPTIONS}
            onChange={(event) => setLocale(event.target.value as "ko" | "en")}
          />
        </div>
        {kind === "email" ? (
          <TextField
            label={t("channels.recipients")}
            value={recipients}
            placeholder="ops@example.com, oncall@example.com"
            onChange={(event) => setRecipients(event.target.value)}
            error={local.recipients ?? server.recipients}
          />
        ) : (
          <TextField
            label={kind === "slack" ? t("channels.slackUrl") : t("channels.url")}
            value={url}
            placeholder={kind === "slack" ? "https://hooks.slack.com/services/T000/B000/XXXX" : "https://hooks.example.com/alerts"}
            onChange={(event) => setUrl(event.target.value)}
            error={local.url ?? server.url}
            hint={kind === "slack" ? t("channels.slackUrlHint") : t("channels.urlHint")}
          />
        )}
        <FormActions end>
          <Button type="submit" variant="primary" loading={creating.isLoading}>
            {t("channels.create")}
          </Button>
        </FormActions>
      </Form>
    </Card>
  );
}

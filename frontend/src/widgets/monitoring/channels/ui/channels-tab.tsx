"use client";

import { useState, type FormEvent } from "react";

import {
  ActionsHead,
  type Channel,
  type ChannelKind,
  consoleStyles as styles,
  DeleteButton,
  EnabledCell,
  ResultsTable,
  RowActions,
  useCreateChannelMutation,
  useDeleteChannelMutation,
  useFailureToast,
  useListChannelsQuery,
  useListDeliveriesQuery,
  useTestChannelMutation,
  useUpdateChannelMutation,
} from "@/entities/monitoring";
import { asApiError, type ApiError } from "@/shared/api";
import { serverFieldErrors, useApiErrorText } from "@/shared/lib/errors";
import { useFormatter, useTranslations } from "@/shared/i18n";
import { Badge, Button, Card, cx, Form, FormActions, FormAlert, SelectField, Skeleton, TextField, useToast } from "@/shared/ui";

const FIELDS = ["name", "recipients", "url"] as const;

function ChannelForm({ onCreated }: { onCreated: (channel: Channel) => void }) {
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
    if (kind === "webhook" && !/^https?:\/\/\S+$/.test(url.trim())) problems.url = t("channels.errors.url");
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
    <Card title={t("channels.newTitle")} headingLevel={3}>
      <Form onSubmit={onSubmit}>
        {error && Object.keys(server).length === 0 ? <FormAlert>{errorText(error)}</FormAlert> : null}
        <div className={styles.kv}>
          <TextField label={t("channels.name")} value={name} onChange={(event) => setName(event.target.value)} error={local.name ?? server.name} />
          <SelectField
            label={t("channels.kind")}
            value={kind}
            options={(["email", "webhook"] as const).map((value) => ({ value, label: t(`channels.kinds.${value}`) }))}
            onChange={(event) => setKind(event.target.value as ChannelKind)}
          />
          <SelectField
            label={t("channels.locale")}
            value={locale}
            options={[
              { value: "ko", label: "한국어" },
              { value: "en", label: "English" },
            ]}
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
            label={t("channels.url")}
            value={url}
            placeholder="https://hooks.example.com/alerts"
            onChange={(event) => setUrl(event.target.value)}
            error={local.url ?? server.url}
            hint={t("channels.urlHint")}
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

function Deliveries({ channel }: { channel: Channel }) {
  const t = useTranslations("monitoring");
  const format = useFormatter();
  const deliveries = useListDeliveriesQuery(channel.id, { pollingInterval: 5_000 });
  if (deliveries.isLoading) return <Skeleton height={80} />;
  if (!deliveries.data?.results.length) return <p className={styles.muted}>{t("channels.noDeliveries")}</p>;
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table}>
        <thead>
          <tr>
            <th>{t("channels.columns.when")}</th>
            <th>{t("channels.columns.event")}</th>
            <th>{t("channels.columns.status")}</th>
            <th>{t("channels.columns.attempts")}</th>
          </tr>
        </thead>
        <tbody>
          {deliveries.data.results.map((delivery) => (
            <tr key={delivery.id} data-testid="delivery-row">
              <td className={styles.num}>{format.dateTime(new Date(delivery.created_at), { dateStyle: "short", timeStyle: "medium" })}</td>
              <td className={styles.mono}>{delivery.event_type}</td>
              <td className={cx(delivery.status === "delivered" ? styles.good : delivery.status === "failed" && styles.bad)}>
                {t(`channels.deliveryStatus.${delivery.status}`)}
                {delivery.last_error ? <div className={styles.muted}>{delivery.last_error}</div> : null}
              </td>
              <td>
                {delivery.attempt_log.map((attempt) => (
                  <div key={attempt.number} className={styles.mono}>
                    #{attempt.number} {attempt.ok ? "ok" : "fail"} {attempt.status_code ?? ""} {attempt.latency_ms}ms{" "}
                    {attempt.error}
                  </div>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Notification channels (email, signed webhooks) with a test send and the delivery log. */
export function ChannelsTab() {
  const t = useTranslations("monitoring");
  const toast = useToast();
  const showFailure = useFailureToast();
  const channels = useListChannelsQuery();
  const [test, testing] = useTestChannelMutation();
  const [update] = useUpdateChannelMutation();
  const [remove] = useDeleteChannelMutation();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);
  const selected = channels.data?.results.find((channel) => channel.id === selectedId) ?? channels.data?.results[0];

  return (
    <div className={styles.split}>
      <div className={styles.stack}>
        <ChannelForm
          onCreated={(channel) => {
            setSelectedId(channel.id);
            if (channel.secret) setSecret({ name: channel.name, secret: channel.secret });
            toast.show({ tone: "success", message: t("channels.created", { name: channel.name }) });
          }}
        />
        {secret ? (
          <FormAlert tone="info" title={t("channels.secretTitle", { name: secret.name })}>
            <code className={styles.mono}>{secret.secret}</code>
            <div>{t("channels.secretBody")}</div>
          </FormAlert>
        ) : null}
        <ResultsTable
          query={channels}
          empty={{ title: t("channels.emptyTitle"), body: t("channels.emptyBody"), compact: true }}
          head={
            <>
              <th>{t("channels.name")}</th>
              <th>{t("channels.kind")}</th>
              <th>{t("channels.columns.enabled")}</th>
              <ActionsHead />
            </>
          }
        >
          {(rows) =>
            rows.map((channel) => (
              <tr key={channel.id} className={cx(selected?.id === channel.id && styles.selected)}>
                <td>
                  <button type="button" className={styles.linkButton} onClick={() => setSelectedId(channel.id)}>
                    {channel.name}
                  </button>
                  <div className={styles.muted}>{channel.kind === "email" ? channel.recipients.join(", ") : channel.url}</div>
                </td>
                <td>
                  <Badge tone="neutral">{t(`channels.kinds.${channel.kind}`)}</Badge>
                </td>
                <EnabledCell
                  label={t("channels.toggle", { name: channel.name })}
                  enabled={channel.enabled}
                  onToggle={(enabled) => update({ id: channel.id, body: { enabled } }).unwrap()}
                />
                <RowActions>
                  <Button
                    size="sm"
                    loading={testing.isLoading && testing.originalArgs === channel.id}
                    onClick={() => {
                      setSelectedId(channel.id);
                      test(channel.id)
                        .unwrap()
                        .then(() => toast.show({ tone: "info", message: t("channels.testQueued") }))
                        .catch(showFailure);
                    }}
                  >
                    {t("channels.test")}
                  </Button>
                  <DeleteButton
                    confirmText={t("channels.confirmDelete", { name: channel.name })}
                    onDelete={() => remove(channel.id).unwrap()}
                  />
                </RowActions>
              </tr>
            ))
          }
        </ResultsTable>
      </div>
      <Card title={selected ? t("channels.deliveriesOf", { name: selected.name }) : t("channels.deliveries")} headingLevel={3}>
        {selected ? <Deliveries channel={selected} /> : <p className={styles.muted}>{t("channels.noDeliveries")}</p>}
      </Card>
    </div>
  );
}

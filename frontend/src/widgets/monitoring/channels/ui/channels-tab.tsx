"use client";

import { useState } from "react";

import {
  ActionsHead,
  consoleStyles as styles,
  DeleteButton,
  EnabledCell,
  ResultsTable,
  RowActions,
  useDeleteChannelMutation,
  useFailureToast,
  useListChannelsQuery,
  useTestChannelMutation,
  useUpdateChannelMutation,
} from "@/entities/monitoring";
import { useTranslations } from "@/shared/i18n";
import { Badge, Button, Card, cx, FormAlert, useToast } from "@/shared/ui";

import { ChannelForm } from "./channel-form";
import { Deliveries } from "./deliveries";

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
                  <div className={styles.muted}>{channel.kind === "email"
                      ? channel.recipients.join(", ")
                      : channel.kind === "slack"
                        ? channel.url.replace(/[^/]+\/?$/, "••••") // the URL's last part is Slack's secret
                        : channel.url}</div>
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
      <Card title={selected ? t("channels.deliveriesOf", { name: selected.name }) : t("channels.deliveries")} headingLevel={2}>
        {selected ? <Deliveries channel={selected} /> : <p className={styles.muted}>{t("channels.noDeliveries")}</p>}
      </Card>
    </div>
  );
}

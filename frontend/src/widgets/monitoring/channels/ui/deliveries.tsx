"use client";

import { type Channel, consoleStyles as styles, useListDeliveriesQuery } from "@/entities/monitoring";
import { useFormatter, useTranslations } from "@/shared/i18n";
import { cx, Skeleton } from "@/shared/ui";

/** The channel's recent deliveries, polled while shown. */
export function Deliveries({ channel }: { channel: Channel }) {
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

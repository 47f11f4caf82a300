"use client";

import { useCallback, useEffect } from "react";

import { useListHostsQuery, useMonitoringStream, type Alert } from "@/entities/monitoring";
import { useTranslations } from "@/shared/i18n";
import { useToast } from "@/shared/ui";

/**
 * The console's one socket and its host list: alerts toast as they fire and resolve,
 * the list seeds the live samples and polls only while the socket is down.
 */
export function useMonitoringConsole() {
  const t = useTranslations("monitoring");
  const toast = useToast();
  const onAlert = useCallback(
    (type: string, alert: Alert) => {
      const target = alert.host?.name ?? alert.target_label ?? alert.target;
      if (type === "alert.firing") {
        toast.show({ tone: "error", message: t("toastFiring", { rule: alert.rule.name, target }) });
      } else if (type === "alert.resolved") {
        toast.show({ tone: "success", message: t("toastResolved", { rule: alert.rule.name, target }) });
      }
    },
    [t, toast],
  );
  const stream = useMonitoringStream(onAlert);
  const hosts = useListHostsQuery(undefined, { pollingInterval: stream.status === "open" ? 0 : 30_000 });
  const { seed } = stream;

  useEffect(() => {
    const samples = (hosts.data ?? []).flatMap((host) => (host.latest ? [host.latest] : []));
    if (samples.length) seed(samples);
  }, [hosts.data, seed]);

  // A sample from a host the list does not know yet (it just registered): reload the list.
  const { refetch: refetchHosts, data: hostList } = hosts;
  const unknownHost = hostList !== undefined && Object.keys(stream.live.byHost).some((id) => !hostList.some((host) => host.id === id));
  useEffect(() => {
    if (unknownHost) refetchHosts();
  }, [unknownHost, refetchHosts]);

  return { stream, hosts };
}

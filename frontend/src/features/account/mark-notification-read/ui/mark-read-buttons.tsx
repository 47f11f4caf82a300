"use client";

import type { Notification } from "@/entities/notification";
import { useTranslations } from "@/shared/i18n";
import { Button, CheckAllIcon, CheckIcon } from "@/shared/ui";

import { useMarkRead } from "../model/use-mark-read";

export function MarkReadButton({ notification }: { notification: Notification }) {
  const t = useTranslations("notifications");
  const { markRead } = useMarkRead();
  if (notification.read_at) return null;
  const label = `${t("markRead")}: ${notification.title}`;
  return (
    <Button size="sm" variant="ghost" iconOnly aria-label={label} title={t("markRead")} onClick={() => void markRead(notification)}>
      <CheckIcon />
    </Button>
  );
}

export function MarkAllReadButton({ disabled, size = "sm" }: { disabled?: boolean; size?: "sm" | "md" }) {
  const t = useTranslations("notifications");
  const { markAllRead, markingAll } = useMarkRead();
  return (
    <Button size={size} variant="ghost" disabled={disabled} loading={markingAll} onClick={() => void markAllRead()}>
      {markingAll ? null : <CheckAllIcon />}
      {t("markAllRead")}
    </Button>
  );
}

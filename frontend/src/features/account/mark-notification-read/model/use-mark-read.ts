"use client";

import { useCallback } from "react";

import type { Notification } from "@/entities/notification";
import { useTranslations } from "@/shared/i18n";
import { useToast } from "@/shared/ui";

import { useMarkAllNotificationsReadMutation, useMarkNotificationReadMutation } from "../api/mark-read-api";

/** Mark one or all as read; a refusal undoes the optimistic change and says so. */
export function useMarkRead() {
  const t = useTranslations("notifications");
  const toast = useToast();
  const [markOne, one] = useMarkNotificationReadMutation();
  const [markAll, all] = useMarkAllNotificationsReadMutation();

  const markRead = useCallback(
    async (notification: Pick<Notification, "id" | "read_at">) => {
      if (notification.read_at) return;
      try {
        await markOne(notification.id).unwrap();
      } catch {
        toast.show({ tone: "error", message: t("markReadFailed") });
      }
    },
    [markOne, toast, t],
  );

  const markAllRead = useCallback(async () => {
    try {
      await markAll().unwrap();
    } catch {
      toast.show({ tone: "error", message: t("markReadFailed") });
    }
  }, [markAll, toast, t]);

  return { markRead, markAllRead, markingAll: all.isLoading, markingOne: one.isLoading };
}

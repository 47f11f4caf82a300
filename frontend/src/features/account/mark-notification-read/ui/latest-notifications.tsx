"use client";

import {
  ALL_NOTIFICATIONS,
  NotificationItem,
  NotificationSkeleton,
  useListNotificationsInfiniteQuery,
} from "@/entities/notification";
import { useTranslations } from "@/shared/i18n";
import { Button, EmptyState, InboxIcon } from "@/shared/ui";

import { useMarkRead } from "../model/use-mark-read";
import { MarkReadButton } from "./mark-read-buttons";

export interface LatestNotificationsProps {
  limit: number;
  compact?: boolean;
  className?: string;
  testId?: string;
  /** Called when a notification is opened, before it is marked read (the bell closes its panel). */
  onOpen?: () => void;
}

/** The latest few notifications with their loading, error and empty states; opening one marks it read. */
export function LatestNotifications({ limit, compact, className, testId, onOpen }: LatestNotificationsProps) {
  const t = useTranslations("notifications");
  const tc = useTranslations("common");
  const list = useListNotificationsInfiniteQuery(ALL_NOTIFICATIONS);
  const { markRead } = useMarkRead();
  const latest = (list.data?.pages.flatMap((page) => page.results) ?? []).slice(0, limit);

  if (list.isLoading) return <NotificationSkeleton rows={3} />;
  if (list.isError) {
    return (
      <EmptyState
        compact
        tone="error"
        title={t("loadError")}
        action={
          <Button size="sm" onClick={() => void list.refetch()}>
            {tc("retry")}
          </Button>
        }
      />
    );
  }
  if (latest.length === 0) {
    return <EmptyState compact icon={<InboxIcon size={20} />} title={t("emptyTitle")} body={t("emptyBody")} />;
  }
  return (
    <ul className={className} data-testid={testId}>
      {latest.map((notification) => (
        <NotificationItem
          key={notification.id}
          compact={compact}
          notification={notification}
          onOpen={(opened) => {
            onOpen?.();
            void markRead(opened);
          }}
          actions={<MarkReadButton notification={notification} />}
        />
      ))}
    </ul>
  );
}

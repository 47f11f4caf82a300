"use client";

import Link from "next/link";

import { NotificationItem, NotificationSkeleton, useListNotificationsInfiniteQuery } from "@/entities/notification";
import { MarkReadButton, useMarkRead } from "@/features/account/mark-notification-read";
import { routes } from "@/shared/config";
import { useTranslations } from "@/shared/i18n";
import { ArrowRightIcon, Button, Card, EmptyState, InboxIcon } from "@/shared/ui";

import styles from "./notification-feed.module.css";

const ALL = { unread: false } as const;

/** The latest few notifications, for the dashboard. */
export function RecentNotifications({ limit = 5 }: { limit?: number }) {
  const t = useTranslations("dashboard");
  const tn = useTranslations("notifications");
  const tc = useTranslations("common");
  const list = useListNotificationsInfiniteQuery(ALL);
  const { markRead } = useMarkRead();
  const items = (list.data?.pages.flatMap((page) => page.results) ?? []).slice(0, limit);

  return (
    <Card
      flush
      title={t("recentTitle")}
      actions={
        <Link className={styles.footerLink} href={routes.notifications}>
          {t("viewAll")}
          <ArrowRightIcon size={14} />
        </Link>
      }
    >
      {list.isLoading ? (
        <NotificationSkeleton rows={3} />
      ) : list.isError ? (
        <EmptyState
          compact
          tone="error"
          title={tn("loadError")}
          action={
            <Button size="sm" onClick={() => void list.refetch()}>
              {tc("retry")}
            </Button>
          }
        />
      ) : items.length === 0 ? (
        <EmptyState compact icon={<InboxIcon size={20} />} title={tn("emptyTitle")} body={tn("emptyBody")} />
      ) : (
        <ul className={styles.list} data-testid="recent-notifications">
          {items.map((notification) => (
            <NotificationItem
              key={notification.id}
              notification={notification}
              onOpen={(n) => void markRead(n)}
              actions={<MarkReadButton notification={notification} />}
            />
          ))}
        </ul>
      )}
    </Card>
  );
}

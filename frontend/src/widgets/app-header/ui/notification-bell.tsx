"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";

import {
  NotificationItem,
  NotificationSkeleton,
  registerNotificationRealtime,
  useGetUnreadCountQuery,
  useListNotificationsInfiniteQuery,
} from "@/entities/notification";
import { MarkAllReadButton, MarkReadButton, useMarkRead } from "@/features/account/mark-notification-read";
import { routes } from "@/shared/config";
import { useTranslations } from "@/shared/i18n";
import { useRealtimeListeners } from "@/shared/lib/redux";
import { Badge, BellIcon, Button, EmptyState, InboxIcon, Popover, useToast } from "@/shared/ui";

import styles from "./app-header.module.css";

const DROPDOWN_SIZE = 8;
const ALL = { unread: false } as const;

function formatCount(count: number): string {
  return count > 99 ? "99+" : String(count);
}

/** Bell with the unread badge and the latest notifications, fed live by the socket. */
export function NotificationBell() {
  const t = useTranslations("notifications");
  const tc = useTranslations("common");
  const [open, setOpen] = useState(false);
  useRealtimeListeners(registerNotificationRealtime);
  const { data: unread } = useGetUnreadCountQuery();
  const list = useListNotificationsInfiniteQuery(ALL);
  const { markRead } = useMarkRead();
  const toast = useToast();
  const count = unread?.count ?? 0;
  const items = list.data?.pages.flatMap((page) => page.results) ?? [];
  const latest = items.slice(0, DROPDOWN_SIZE);

  // Announce notifications that arrive while the page is open.
  const known = useRef<Set<string> | null>(null);
  const topId = items[0]?.id;
  useEffect(() => {
    if (!list.isSuccess) return;
    const ids = list.data.pages.flatMap((page) => page.results);
    if (known.current === null) {
      known.current = new Set(ids.map((item) => item.id));
      return;
    }
    for (const item of ids) {
      if (known.current.has(item.id)) break;
      if (!item.read_at) toast.show({ tone: "info", message: t("newArrived", { title: item.title }) });
    }
    known.current = new Set(ids.map((item) => item.id));
  }, [topId, list.isSuccess, list.data, toast, t]);

  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      label={t("dropdownTitle")}
      panelClassName={styles.panel}
      trigger={(props) => (
        <Button
          {...props}
          variant="ghost"
          iconOnly
          className={styles.bellButton}
          aria-label={count > 0 ? t("bellLabelUnread", { count }) : t("bellLabel")}
          data-testid="notification-bell"
        >
          <BellIcon size={18} />
          {count > 0 ? (
            <Badge tone="danger" className={styles.bellBadge} data-testid="notification-badge" aria-hidden="true">
              {formatCount(count)}
            </Badge>
          ) : null}
        </Button>
      )}
    >
      <div className={styles.panelHeader}>
        <h2 className={styles.panelTitle}>{t("dropdownTitle")}</h2>
        <MarkAllReadButton disabled={count === 0} />
      </div>
      {list.isLoading ? (
        <NotificationSkeleton rows={3} />
      ) : list.isError ? (
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
      ) : latest.length === 0 ? (
        <EmptyState compact icon={<InboxIcon size={20} />} title={t("emptyTitle")} body={t("emptyBody")} />
      ) : (
        <ul className={styles.panelList} data-testid="notification-dropdown-list">
          {latest.map((notification) => (
            <NotificationItem
              key={notification.id}
              compact
              notification={notification}
              onOpen={(n) => {
                setOpen(false);
                void markRead(n);
              }}
              actions={<MarkReadButton notification={notification} />}
            />
          ))}
        </ul>
      )}
      <div className={styles.panelFooter}>
        <Link href={routes.notifications} onClick={() => setOpen(false)}>
          {t("viewAll")}
        </Link>
      </div>
    </Popover>
  );
}

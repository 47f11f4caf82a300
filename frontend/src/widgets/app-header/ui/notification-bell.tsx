"use client";

import { lazy, Suspense, useEffect, useRef, useState } from "react";

import {
  ALL_NOTIFICATIONS,
  registerNotificationRealtime,
  useGetUnreadCountQuery,
  useListNotificationsInfiniteQuery,
} from "@/entities/notification";
import { useTranslations } from "@/shared/i18n";
import { useRealtimeListeners } from "@/shared/lib/redux";
import { Badge, BellIcon, Button, Popover, useToast } from "@/shared/ui";

import styles from "./app-header.module.css";

// What the open dropdown shows loads the first time it is opened.
const NotificationDropdown = lazy(() => import("./notification-dropdown"));

function formatCount(count: number): string {
  return count > 99 ? "99+" : String(count);
}

/** Bell with the unread badge and the latest notifications, fed live by the socket. */
export function NotificationBell() {
  const t = useTranslations("notifications");
  const [open, setOpen] = useState(false);
  useRealtimeListeners(registerNotificationRealtime);
  const { data: unread } = useGetUnreadCountQuery();
  const list = useListNotificationsInfiniteQuery(ALL_NOTIFICATIONS);
  const toast = useToast();
  const count = unread?.count ?? 0;
  const items = list.data?.pages.flatMap((page) => page.results) ?? [];

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
          // The name carries the badge as shown ("99+"), so the visible text is part of it (WCAG 2.5.3).
          aria-label={count > 0 ? t("bellLabelUnread", { count: formatCount(count) }) : t("bellLabel")}
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
      <Suspense fallback={null}>
        <NotificationDropdown count={count} onClose={() => setOpen(false)} />
      </Suspense>
    </Popover>
  );
}

"use client";

import Link from "next/link";

import { NotificationItem, NotificationSkeleton, useListNotificationsInfiniteQuery } from "@/entities/notification";
import { MarkAllReadButton, MarkReadButton, useMarkRead } from "@/features/account/mark-notification-read";
import { routes } from "@/shared/config";
import { useTranslations } from "@/shared/i18n";
import { Button, EmptyState, InboxIcon } from "@/shared/ui";

import styles from "./app-header.module.css";
import { NOTIFICATION_LIST } from "./notification-list";

const DROPDOWN_SIZE = 8;

/** The bell's open panel: the latest notifications, each opening (and marking read) its target. */
export default function NotificationDropdown({ count, onClose }: { count: number; onClose: () => void }) {
  const t = useTranslations("notifications");
  const tc = useTranslations("common");
  const list = useListNotificationsInfiniteQuery(NOTIFICATION_LIST);
  const { markRead } = useMarkRead();
  const latest = (list.data?.pages.flatMap((page) => page.results) ?? []).slice(0, DROPDOWN_SIZE);

  return (
    <>
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
                onClose();
                void markRead(n);
              }}
              actions={<MarkReadButton notification={notification} />}
            />
          ))}
        </ul>
      )}
      <div className={styles.panelFooter}>
        <Link href={routes.notifications} onClick={onClose}>
          {t("viewAll")}
        </Link>
      </div>
    </>
  );
}

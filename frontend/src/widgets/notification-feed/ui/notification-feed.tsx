"use client";

import { useState } from "react";

import {
  NotificationItem,
  NotificationSkeleton,
  useGetUnreadCountQuery,
  useListNotificationsInfiniteQuery,
} from "@/entities/notification";
import { MarkAllReadButton, MarkReadButton, useMarkRead } from "@/features/account/mark-notification-read";
import { useTranslations } from "@/shared/i18n";
import { Badge, Button, Card, EmptyState, InboxIcon, LoadError, RefreshIcon, Segmented } from "@/shared/ui";

import styles from "./notification-feed.module.css";

type Filter = "all" | "unread";

/** The full notifications list: filter, mark read, mark all read, load more. */
export function NotificationFeed() {
  const t = useTranslations("notifications");
  const tc = useTranslations("common");
  const [filter, setFilter] = useState<Filter>("all");
  const list = useListNotificationsInfiniteQuery({ unread: filter === "unread" });
  const { data: unread } = useGetUnreadCountQuery();
  const { markRead } = useMarkRead();
  const items = list.data?.pages.flatMap((page) => page.results) ?? [];
  const unreadCount = unread?.count ?? 0;

  let body;
  if (list.isLoading) {
    body = (
      <div role="status" aria-label={tc("loading")}>
        <NotificationSkeleton rows={5} />
      </div>
    );
  } else if (list.isError) {
    body = (
      <LoadError icon={<RefreshIcon size={20} />} title={t("loadError")} onRetry={list.refetch} />
    );
  } else if (items.length === 0) {
    body =
      filter === "unread" ? (
        <EmptyState icon={<InboxIcon size={20} />} title={t("emptyUnreadTitle")} body={t("emptyUnreadBody")} />
      ) : (
        <EmptyState icon={<InboxIcon size={20} />} title={t("emptyTitle")} body={t("emptyBody")} />
      );
  } else {
    body = (
      <>
        <ul className={styles.list} aria-label={t("title")} data-testid="notification-list">
          {items.map((notification) => (
            <NotificationItem
              key={notification.id}
              notification={notification}
              onOpen={(n) => void markRead(n)}
              actions={<MarkReadButton notification={notification} />}
            />
          ))}
        </ul>
        {list.hasNextPage ? (
          <div className={styles.more}>
            <Button loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
              {t("loadMore")}
            </Button>
          </div>
        ) : null}
      </>
    );
  }

  return (
    <Card flush aria-label={t("title")}>
      <div className={styles.toolbar}>
        <Segmented<Filter>
          label={t("filterLabel")}
          value={filter}
          onChange={setFilter}
          options={[
            { value: "all", label: t("filterAll") },
            {
              value: "unread",
              label: (
                <>
                  {t("filterUnread")}
                  {unreadCount > 0 ? (
                    <Badge className={styles.count} tone="neutral" data-testid="feed-unread-count">
                      {unreadCount}
                    </Badge>
                  ) : null}
                </>
              ),
            },
          ]}
        />
        <MarkAllReadButton disabled={unreadCount === 0} />
      </div>
      <div aria-busy={list.isFetching || undefined}>{body}</div>
    </Card>
  );
}

"use client";

import Link from "next/link";
import type { ReactNode } from "react";

import { useFormatter, useNow, useTranslations } from "@/shared/i18n";
import { cx, VisuallyHidden } from "@/shared/ui";

import { notificationHref } from "../model/link";
import type { Notification } from "../model/types";
import styles from "./notification-item.module.css";

export interface NotificationItemProps {
  notification: Notification;
  /** Buttons on the right (e.g. mark as read). */
  actions?: ReactNode;
  /** Called when the title link is followed. */
  onOpen?: (notification: Notification) => void;
  compact?: boolean;
  as?: "li" | "div";
}

function isInternal(url: string): boolean {
  return url.startsWith("/") && !url.startsWith("//");
}

export function NotificationItem({ notification, actions, onOpen, compact, as = "li" }: NotificationItemProps) {
  const t = useTranslations("notifications");
  const format = useFormatter();
  const now = useNow({ updateInterval: 30_000 });
  const unread = !notification.read_at;
  const created = new Date(notification.created_at);
  const Tag = as;

  const href = notificationHref(notification);
  const title = href ? (
    isInternal(href) ? (
      <Link className={styles.titleLink} href={href} onClick={() => onOpen?.(notification)}>
        {notification.title}
      </Link>
    ) : (
      <a className={styles.titleLink} href={href} onClick={() => onOpen?.(notification)}>
        {notification.title}
      </a>
    )
  ) : (
    notification.title
  );

  return (
    <Tag
      className={cx(styles.item, unread ? styles.unread : styles.read, compact && styles.compact)}
      data-testid="notification-item"
      data-unread={unread || undefined}
    >
      <span className={styles.marker}>
        {unread ? (
          <>
            <span className={styles.dot} aria-hidden="true" />
            <VisuallyHidden>{t("unreadDot")}</VisuallyHidden>
          </>
        ) : null}
      </span>
      <div className={styles.content}>
        <p className={styles.title}>{title}</p>
        {notification.body ? <p className={styles.body}>{notification.body}</p> : null}
        <time className={styles.time} dateTime={notification.created_at} title={format.dateTime(created, { dateStyle: "medium", timeStyle: "short" })}>
          {format.relativeTime(created, now)}
        </time>
      </div>
      {actions ? <div className={styles.actions}>{actions}</div> : <span />}
    </Tag>
  );
}

"use client";

import Link from "next/link";

import { LatestNotifications, MarkAllReadButton } from "@/features/account/mark-notification-read";
import { routes } from "@/shared/config";
import { useTranslations } from "@/shared/i18n";

import styles from "./app-header.module.css";

const DROPDOWN_SIZE = 8;

/** The bell's open panel: the latest notifications, each opening (and marking read) its target. */
export default function NotificationDropdown({ count, onClose }: { count: number; onClose: () => void }) {
  const t = useTranslations("notifications");

  return (
    <>
      <div className={styles.panelHeader}>
        <h2 className={styles.panelTitle}>{t("dropdownTitle")}</h2>
        <MarkAllReadButton disabled={count === 0} />
      </div>
      <LatestNotifications
        limit={DROPDOWN_SIZE}
        compact
        className={styles.panelList}
        testId="notification-dropdown-list"
        onOpen={onClose}
      />
      <div className={styles.panelFooter}>
        <Link href={routes.notifications} onClick={onClose}>
          {t("viewAll")}
        </Link>
      </div>
    </>
  );
}

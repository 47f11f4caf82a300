"use client";

import Link from "next/link";

import { LatestNotifications } from "@/features/account/mark-notification-read";
import { routes } from "@/shared/config";
import { useTranslations } from "@/shared/i18n";
import { ArrowRightIcon, Card } from "@/shared/ui";

import styles from "./notification-feed.module.css";

/** The latest few notifications, for the dashboard. */
export function RecentNotifications({ limit = 5 }: { limit?: number }) {
  const t = useTranslations("dashboard");

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
      <LatestNotifications limit={limit} className={styles.list} testId="recent-notifications" />
    </Card>
  );
}

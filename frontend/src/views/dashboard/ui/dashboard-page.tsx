"use client";

import Link from "next/link";
import { useSelector } from "react-redux";

import { useGetUnreadCountQuery } from "@/entities/notification";
import { displayNameOf, UserIdentity, useGetMeQuery } from "@/entities/user";
import { MyProjects } from "@/widgets/my-projects";
import { RecentNotifications } from "@/widgets/notification-feed";
import { routes } from "@/shared/config";
import { useFormatter, useNow, useTranslations } from "@/shared/i18n";
import { ArrowRightIcon, buttonClassName, Card, cx, Page, PageHeader, Skeleton } from "@/shared/ui";
import { selectRealtimeStatus } from "@/shared/ws";

import styles from "./dashboard-page.module.css";

export function DashboardPage() {
  const t = useTranslations("dashboard");
  const tn = useTranslations("nav");
  const tl = useTranslations("locale");
  const tr = useTranslations("realtime");
  const tc = useTranslations("common");
  const format = useFormatter();
  const now = useNow();
  const { data: user } = useGetMeQuery();
  const unread = useGetUnreadCountQuery();
  const realtime = useSelector(selectRealtimeStatus);

  if (!user) return null;
  const name = displayNameOf(user);
  const count = unread.data?.count ?? 0;

  return (
    <Page>
      <title>{`${tn("dashboard")} · ${tc("appName")}`}</title>
      <PageHeader
        eyebrow={format.dateTime(now, { dateStyle: "full" })}
        title={t("greeting", { name })}
        description={t("subtitle")}
      />
      <div className={styles.grid}>
        <div className={styles.side}>
          <div className={styles.stats}>
            <Card>
              <div className={styles.stat} data-testid="dashboard-unread">
                <span className={styles.statLabel}>{t("unreadTitle")}</span>
                {unread.isLoading ? (
                  <Skeleton width={80} height={34} />
                ) : count > 0 ? (
                  <span className={styles.statValue}>{t("unreadValue", { count })}</span>
                ) : (
                  <span className={cx(styles.statValue, styles.statCalm)}>{t("unreadNone")}</span>
                )}
                <Link className={styles.statLink} href={routes.notifications}>
                  {t("viewAll")}
                  <ArrowRightIcon size={14} />
                </Link>
              </div>
            </Card>
            <Card>
              <div className={styles.stat}>
                <span className={styles.statLabel}>{t("realtimeTitle")}</span>
                <span className={styles.live}>
                  <span className={cx(styles.liveDot, realtime === "open" && styles.liveOn)} aria-hidden="true" />
                  {tr(realtime)}
                </span>
                <p className={styles.muted}>{t("realtimeBody")}</p>
              </div>
            </Card>
          </div>
          <MyProjects />
          <RecentNotifications />
        </div>
        <Card title={t("accountTitle")}>
          <UserIdentity user={user} size={40} />
          <dl className={styles.facts}>
            <dt>{t("language")}</dt>
            <dd>{tl(user.locale)}</dd>
            <dt>{t("timezone")}</dt>
            <dd>{user.timezone}</dd>
            <dt>{t("memberSince")}</dt>
            <dd>{format.dateTime(new Date(user.date_joined), { dateStyle: "medium" })}</dd>
          </dl>
          <Link className={buttonClassName({ variant: "secondary", fullWidth: true })} href={routes.profile}>
            {t("editProfile")}
          </Link>
        </Card>
      </div>
    </Page>
  );
}

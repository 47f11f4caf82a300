"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

import type { User } from "@/entities/user";
import { LocaleSwitcher } from "@/features/account/switch-locale";
import { ThemeToggle } from "@/features/account/switch-theme";
import { routes } from "@/shared/config";
import { useTranslations } from "@/shared/i18n";
import { BellIcon, ChartIcon, FolderIcon, HomeIcon, Logo, PulseIcon } from "@/shared/ui";

import styles from "./app-header.module.css";
import { NotificationBell } from "./notification-bell";
import { RealtimeStatus } from "./realtime-status";
import { UserMenu } from "./user-menu";

const NAV = [
  { href: routes.home, key: "dashboard", Icon: HomeIcon, staffOnly: false },
  { href: routes.projects, key: "projects", Icon: FolderIcon, staffOnly: false },
  { href: routes.notifications, key: "notifications", Icon: BellIcon, staffOnly: false },
  { href: routes.monitoring, key: "monitoring", Icon: PulseIcon, staffOnly: true },
  { href: routes.analytics, key: "analytics", Icon: ChartIcon, staffOnly: true },
] as const;

function isActive(pathname: string, href: string): boolean {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
}

/** The top bar of the signed-in app. */
export function AppHeader({ user }: { user: User }) {
  const t = useTranslations("nav");
  const tc = useTranslations("common");
  const pathname = usePathname();

  return (
    <header className={styles.header}>
      <div className={styles.inner}>
        <Link href={routes.home} className={styles.brand} aria-label={tc("appName")}>
          <Logo />
        </Link>
        <nav className={styles.nav} aria-label={t("primary")}>
          {NAV.filter((item) => user.is_staff || !item.staffOnly).map(({ href, key, Icon }) => (
            <Link
              key={href}
              href={href}
              className={styles.navLink}
              aria-current={isActive(pathname, href) ? "page" : undefined}
            >
              <Icon size={15} />
              <span className={styles.navLabel}>{t(key)}</span>
            </Link>
          ))}
        </nav>
        <div className={styles.right}>
          <RealtimeStatus />
          <LocaleSwitcher />
          <ThemeToggle />
          <NotificationBell />
          <UserMenu user={user} />
        </div>
      </div>
    </header>
  );
}

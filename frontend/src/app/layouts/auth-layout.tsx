"use client";

import Link from "next/link";
import type { ReactNode } from "react";

import { LocaleSwitcher } from "@/features/account/switch-locale";
import { ThemeToggle } from "@/features/account/switch-theme";
import { routes } from "@/shared/config";
import { useTranslations } from "@/shared/i18n";
import { Logo } from "@/shared/ui";

import styles from "./auth-layout.module.css";

/** Sign-in, sign-up and password reset: one centred card, language and theme at hand. */
export function AuthLayout({ children }: { children: ReactNode }) {
  const t = useTranslations("common");
  return (
    <div className={styles.shell}>
      <header className={styles.top}>
        <Link href={routes.login} className={styles.brand} aria-label={t("appName")}>
          <Logo />
        </Link>
        <div className={styles.tools}>
          <LocaleSwitcher />
          <ThemeToggle />
        </div>
      </header>
      <main id="main" className={styles.main}>
        {children}
      </main>
      <footer className={styles.footer}>{t("tagline")}</footer>
    </div>
  );
}

"use client";

import type { ReactNode } from "react";

import { useTranslations } from "@/shared/i18n";
import { Button } from "@/shared/ui";

import styles from "./overview.module.css";

/** The tabs the overview links into. */
export type OverviewLink = "hosts" | "alerts" | "tasks";

/** A titled overview card; its title is also its accessible name. */
export function Panel({ title, subtitle, action, children, testId }: { title: string; subtitle?: string; action?: ReactNode; children: ReactNode; testId: string }) {
  return (
    <section className={styles.panel} data-testid={testId} aria-label={title}>
      <header className={styles.panelHead}>
        <h2 className={styles.panelTitle}>{title}</h2>
        {subtitle ? <span className={styles.panelSub}>{subtitle}</span> : null}
        <span className={styles.spacer} />
        {action}
      </header>
      {children}
    </section>
  );
}

/** The link button into another console tab. */
export function OpenTab({ tab, onOpen }: { tab: OverviewLink; onOpen: (tab: OverviewLink) => void }) {
  const t = useTranslations("monitoringOverview");
  return (
    <Button size="sm" variant="ghost" onClick={() => onOpen(tab)}>
      {t(`open.${tab}`)} →
    </Button>
  );
}

export function Unavailable() {
  const t = useTranslations("monitoringOverview");
  return <p className={styles.muted}>{t("unavailable")}</p>;
}

/** A name from the system (route group, socket endpoint, queue): in code style, so it reads as an identifier in either language. */
export function Ident({ children }: { children: ReactNode }) {
  return <code className={styles.ident}>{children}</code>;
}

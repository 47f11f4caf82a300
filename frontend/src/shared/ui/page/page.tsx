import type { ReactNode } from "react";

import { cx } from "@/shared/lib/classnames";
import styles from "./page.module.css";

export function Page({ children, narrow, className }: { children: ReactNode; narrow?: boolean; className?: string }) {
  return (
    <div className={cx(styles.page, narrow && styles.narrow, className)} data-testid="page">
      {children}
    </div>
  );
}

export interface PageHeaderProps {
  title: ReactNode;
  description?: ReactNode;
  eyebrow?: ReactNode;
  actions?: ReactNode;
}

/** The page's one `<h1>`. */
export function PageHeader({ title, description, eyebrow, actions }: PageHeaderProps) {
  return (
    <header className={styles.header}>
      <div className={styles.titles}>
        {eyebrow ? <p className={styles.eyebrow}>{eyebrow}</p> : null}
        <h1 className={styles.title}>{title}</h1>
        {description ? <p className={styles.description}>{description}</p> : null}
      </div>
      {actions}
    </header>
  );
}

export interface AuthCardProps {
  title: ReactNode;
  description?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}

/** The card that holds a sign-in, sign-up or reset form. */
export function AuthCard({ title, description, children, footer }: AuthCardProps) {
  return (
    <section className={styles.authCard}>
      <header className={styles.authHeader}>
        <h1 className={styles.authTitle}>{title}</h1>
        {description ? <p className={styles.description}>{description}</p> : null}
      </header>
      {children}
      {footer ? <footer className={styles.authFooter}>{footer}</footer> : null}
    </section>
  );
}

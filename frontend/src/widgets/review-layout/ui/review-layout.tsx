import type { ReactNode } from "react";

import { cx } from "@/shared/ui";

import styles from "./review-layout.module.css";

export interface ReviewShellProps {
  children: ReactNode;
  /** A page of its own (the share page), not under the app's header. */
  standalone?: boolean;
  "data-testid"?: string;
}

/** The dark frame of a review screen: the review room and the share page, loaded or not. */
export function ReviewShell({ children, standalone = false, "data-testid": testId }: ReviewShellProps) {
  return (
    <div className={cx(styles.shell, standalone && styles.standalone)} data-theme="dark" data-testid={testId}>
      {children}
    </div>
  );
}

/** The bar above the stage: title, version, actions. */
export function ReviewTopbar({ children }: { children: ReactNode }) {
  return <header className={styles.topbar}>{children}</header>;
}

/** A centred message in place of the screen or the player: loading, an error, a password gate. */
export function ReviewState({ children, "data-testid": testId }: { children: ReactNode; "data-testid"?: string }) {
  return (
    <div className={styles.state} data-testid={testId}>
      {children}
    </div>
  );
}

export interface ReviewColumnsProps {
  /** The player (with its timeline), or why there is none. */
  stage: ReactNode;
  /** The comments beside it. */
  sidebar: ReactNode;
  /** The sidebar landmark's name. */
  sidebarLabel: string;
}

/** The stage on the left, the comment column on the right (stacked on narrow screens). */
export function ReviewColumns({ stage, sidebar, sidebarLabel }: ReviewColumnsProps) {
  return (
    <div className={styles.body}>
      <div className={styles.stage}>{stage}</div>
      <aside className={styles.sidebar} aria-label={sidebarLabel}>
        {sidebar}
      </aside>
    </div>
  );
}

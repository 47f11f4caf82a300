"use client";

import { useState, type ReactNode } from "react";

import { useTranslations } from "@/shared/i18n";
import { cx } from "@/shared/ui";

import { clamp, defaultSidebarWidth, readSize, SIDEBAR_MAX, SIDEBAR_MIN, SIDEBAR_WIDTH_KEY, sidebarMax, storeSize } from "../model/sizes";
import styles from "./review-layout.module.css";
import { Splitter } from "./splitter";
import { useBoxSize } from "./use-box-size";

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
export function ReviewState({ children, main = false, "data-testid": testId }: { children: ReactNode; main?: boolean; "data-testid"?: string }) {
  const Box = main ? "main" : "div";
  return (
    <Box className={styles.state} data-testid={testId}>
      {children}
    </Box>
  );
}

export interface ReviewColumnsProps {
  /** The player (with its timeline), or why there is none. */
  stage: ReactNode;
  /** The comments beside it. */
  sidebar: ReactNode;
  /** The sidebar landmark's name. */
  sidebarLabel: string;
  /**
   * The page's main landmark: on a page of its own (the share page). Inside the app the
   * app's <main> holds the screen already.
   */
  main?: boolean;
}

/**
 * The stage on the left, the comment column on the right (stacked on narrow screens),
 * with a splitter between them: drag it or use the arrows; the width is kept per browser.
 */
export function ReviewColumns({ stage, sidebar, sidebarLabel, main = false }: ReviewColumnsProps) {
  const t = useTranslations("reviewLayout");
  const [bodyRef, body] = useBoxSize<HTMLElement>();
  const [chosen, setChosen] = useState<number | null>(() => readSize(SIDEBAR_WIDTH_KEY));
  const max = body.width > 0 ? sidebarMax(body.width) : SIDEBAR_MAX;
  // The window's width stands in for the body's until it is measured: no jump on the first paint.
  const [windowWidth] = useState(() => (typeof window === "undefined" ? 1280 : window.innerWidth));
  const width = clamp(chosen ?? defaultSidebarWidth(body.width || windowWidth), SIDEBAR_MIN, max);

  const Body = main ? "main" : "div";

  return (
    <Body className={styles.body} ref={bodyRef} style={{ ["--sidebar-width" as string]: `${width}px` }}>
      <div className={styles.stage}>{stage}</div>
      <Splitter
        orientation="vertical"
        label={t("resizeSidebar")}
        size={width}
        min={SIDEBAR_MIN}
        max={max}
        sizeAt={(x) => (body.node?.getBoundingClientRect().right ?? x) - x}
        increaseKey="ArrowLeft"
        decreaseKey="ArrowRight"
        onResize={setChosen}
        onCommit={(size) => storeSize(SIDEBAR_WIDTH_KEY, size)}
        onReset={() => {
          setChosen(null);
          storeSize(SIDEBAR_WIDTH_KEY, null);
        }}
        data-testid="sidebar-splitter"
      />
      <aside className={styles.sidebar} aria-label={sidebarLabel}>
        {sidebar}
      </aside>
    </Body>
  );
}

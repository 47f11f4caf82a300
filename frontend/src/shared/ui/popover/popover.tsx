"use client";

import {
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  type KeyboardEvent,
  type ReactNode,
  type RefObject,
} from "react";
import { createPortal } from "react-dom";

import { cx } from "@/shared/lib/classnames";
import styles from "./popover.module.css";

export interface PopoverTriggerProps {
  ref: RefObject<HTMLButtonElement | null>;
  "aria-expanded": boolean;
  "aria-controls": string;
  "aria-haspopup": "menu" | "dialog";
  onClick: () => void;
}

export interface PopoverProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  trigger: (props: PopoverTriggerProps) => ReactNode;
  children: ReactNode;
  /** `menu`: arrow keys move between items; `dialog`: free content. */
  kind?: "menu" | "dialog";
  /** Accessible name of the panel. */
  label: string;
  align?: "start" | "end";
  /** Open below the trigger (default) or above it (a trigger near the bottom of the screen). */
  placement?: "below" | "above";
  /**
   * Lay the panel over the page (fixed, outside any scrolling or clipping box), flipped to
   * the side of the trigger with room and kept inside the window: for triggers in lists.
   */
  floating?: boolean;
  className?: string;
  panelClassName?: string;
}

const ITEM_SELECTOR = '[role="menuitem"]:not([disabled])';
/** Space between the trigger and the panel, and the panel and the window's edges. */
const GAP = 6;
const MARGIN = 8;

/** Where a floating panel goes: below the trigger when it fits there, else above; inside the window. */
export function floatingPosition(
  trigger: { top: number; bottom: number; left: number; right: number },
  panel: { width: number; height: number },
  view: { width: number; height: number },
  { align, placement }: { align: "start" | "end"; placement: "below" | "above" },
): { top: number; left: number } {
  const below = trigger.bottom + GAP;
  const above = trigger.top - GAP - panel.height;
  const fitsBelow = below + panel.height <= view.height - MARGIN;
  const fitsAbove = above >= MARGIN;
  const wantAbove = placement === "above" ? fitsAbove || !fitsBelow : !fitsBelow && fitsAbove;
  const top = wantAbove ? above : below;
  const left = align === "start" ? trigger.left : trigger.right - panel.width;
  return {
    top: Math.max(MARGIN, Math.min(top, view.height - panel.height - MARGIN)),
    left: Math.max(MARGIN, Math.min(left, view.width - panel.width - MARGIN)),
  };
}

/**
 * Anchored dropdown: closes on Escape (focus goes back to the trigger), on a
 * click outside and on navigation from inside.
 */
export function Popover({
  open,
  onOpenChange,
  trigger,
  children,
  kind = "dialog",
  label,
  align = "end",
  placement = "below",
  floating = false,
  className,
  panelClassName,
}: PopoverProps) {
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);

  const close = useCallback(
    (restoreFocus: boolean) => {
      onOpenChange(false);
      if (restoreFocus) triggerRef.current?.focus();
    },
    [onOpenChange],
  );

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (rootRef.current && !rootRef.current.contains(target) && !panelRef.current?.contains(target)) {
        close(false);
      }
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [open, close]);

  // A floating panel follows its trigger (scrolling, resizing) and flips to the side with room.
  useLayoutEffect(() => {
    if (!open || !floating) return;
    const place = () => {
      const panel = panelRef.current;
      const trigger = triggerRef.current;
      if (!panel || !trigger) return;
      const { top, left } = floatingPosition(
        trigger.getBoundingClientRect(),
        { width: panel.offsetWidth, height: panel.offsetHeight },
        { width: window.innerWidth, height: window.innerHeight },
        { align, placement },
      );
      // At the end of the page, it keeps the theme of where it opened (the dark review room).
      const theme = trigger.closest<HTMLElement>("[data-theme]")?.dataset.theme;
      if (theme) panel.dataset.theme = theme;
      panel.style.top = `${top}px`;
      panel.style.left = `${left}px`;
      panel.style.visibility = "visible";
    };
    place();
    window.addEventListener("scroll", place, true);
    window.addEventListener("resize", place);
    return () => {
      window.removeEventListener("scroll", place, true);
      window.removeEventListener("resize", place);
    };
  }, [open, floating, align, placement]);

  useEffect(() => {
    if (!open) return;
    const panel = panelRef.current;
    if (!panel) return;
    if (kind === "menu") {
      panel.querySelector<HTMLElement>(ITEM_SELECTOR)?.focus();
    } else {
      panel.focus();
    }
  }, [open, kind]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === "Escape") {
      event.stopPropagation();
      close(true);
      return;
    }
    if (kind !== "menu" || !panelRef.current) return;
    const items = Array.from(panelRef.current.querySelectorAll<HTMLElement>(ITEM_SELECTOR));
    if (items.length === 0) return;
    const index = items.indexOf(document.activeElement as HTMLElement);
    let next: number | null = null;
    if (event.key === "ArrowDown") next = (index + 1) % items.length;
    if (event.key === "ArrowUp") next = (index - 1 + items.length) % items.length;
    if (event.key === "Home") next = 0;
    if (event.key === "End") next = items.length - 1;
    if (event.key === "Tab") {
      // A floating panel lives at the end of the page: Tab goes back to where it opened from.
      if (floating) event.preventDefault();
      close(floating);
      return;
    }
    if (next !== null) {
      event.preventDefault();
      items[next]?.focus();
    }
  };

  const panel = (
    <div
      ref={panelRef}
      id={panelId}
      role={kind}
      aria-label={label}
      tabIndex={-1}
      className={cx(
        styles.panel,
        floating ? styles.floating : align === "end" ? styles.end : styles.start,
        !floating && placement === "above" && styles.above,
        panelClassName,
      )}
      onKeyDown={onKeyDown}
    >
      {children}
    </div>
  );

  return (
    <div ref={rootRef} className={cx(styles.root, className)}>
      {trigger({
        ref: triggerRef,
        "aria-expanded": open,
        "aria-controls": panelId,
        "aria-haspopup": kind,
        onClick: () => onOpenChange(!open),
      })}
      {open ? (floating ? createPortal(panel, document.body) : panel) : null}
    </div>
  );
}

/** Class for `role="menuitem"` rows inside a menu popover. */
export const menuItemClassName = styles.menuItem;

"use client";

import {
  useCallback,
  useEffect,
  useId,
  useRef,
  type KeyboardEvent,
  type ReactNode,
  type RefObject,
} from "react";

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
  className?: string;
  panelClassName?: string;
}

const ITEM_SELECTOR = '[role="menuitem"]:not([disabled])';

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
      if (rootRef.current && !rootRef.current.contains(event.target as Node)) {
        close(false);
      }
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [open, close]);

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
      close(false);
      return;
    }
    if (next !== null) {
      event.preventDefault();
      items[next]?.focus();
    }
  };

  return (
    <div ref={rootRef} className={cx(styles.root, className)}>
      {trigger({
        ref: triggerRef,
        "aria-expanded": open,
        "aria-controls": panelId,
        "aria-haspopup": kind,
        onClick: () => onOpenChange(!open),
      })}
      {open ? (
        <div
          ref={panelRef}
          id={panelId}
          role={kind}
          aria-label={label}
          tabIndex={-1}
          className={cx(styles.panel, align === "end" ? styles.end : styles.start, placement === "above" && styles.above, panelClassName)}
          onKeyDown={onKeyDown}
        >
          {children}
        </div>
      ) : null}
    </div>
  );
}

/** Class for `role="menuitem"` rows inside a menu popover. */
export const menuItemClassName = styles.menuItem;

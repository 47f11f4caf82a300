"use client";

import { forwardRef, type ButtonHTMLAttributes } from "react";

import { cx } from "@/shared/lib/classnames";
import { useHydrated } from "@/shared/lib/hydration";
import styles from "./button.module.css";

export type ButtonVariant = "primary" | "secondary" | "ghost" | "danger";
export type ButtonSize = "sm" | "md";

export interface ButtonStyleOptions {
  variant?: ButtonVariant;
  size?: ButtonSize;
  iconOnly?: boolean;
  fullWidth?: boolean;
  className?: string;
}

/** Button look for things that are not `<button>` (e.g. a Next `<Link>`). */
export function buttonClassName({
  variant = "secondary",
  size = "md",
  iconOnly = false,
  fullWidth = false,
  className,
}: ButtonStyleOptions = {}): string {
  return cx(
    styles.button,
    styles[variant],
    size === "sm" && styles.sm,
    iconOnly && styles.iconOnly,
    fullWidth && styles.fullWidth,
    className,
  );
}

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement>, ButtonStyleOptions {
  /** Shows a spinner, keeps the label for screen readers and blocks clicks (a submit button
   * also does so until the page is hydrated). */
  loading?: boolean;
}

export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button(
  { variant, size, iconOnly, fullWidth, className, loading = false, disabled, type = "button", children, ...rest },
  ref,
) {
  // A submit button clicked before the page is hydrated would post the form natively (and
  // wipe it): until React runs it waits, visibly.
  const hydrated = useHydrated();
  const busy = loading || (type === "submit" && !hydrated);
  return (
    <button
      ref={ref}
      type={type}
      className={buttonClassName({ variant, size, iconOnly, fullWidth, className })}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
      {...rest}
    >
      {busy ? <span className={styles.spinner} aria-hidden="true" /> : null}
      {children}
    </button>
  );
});

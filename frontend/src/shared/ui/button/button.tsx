"use client";

import { forwardRef, type ButtonHTMLAttributes } from "react";

import { useHydrated } from "@/shared/lib/hydration";

import { buttonClassName, type ButtonStyleOptions } from "./button-class-name";
import styles from "./button.module.css";

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

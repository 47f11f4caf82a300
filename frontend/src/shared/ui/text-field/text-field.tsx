"use client";

import { forwardRef, useId, useState, type InputHTMLAttributes, type ReactNode } from "react";

import { AlertCircleIcon, EyeIcon, EyeOffIcon } from "../icons";
import { cx } from "@/shared/lib/classnames";
import styles from "./field.module.css";

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "id"> {
  label: ReactNode;
  /** Shown under the field and linked with aria-describedby. */
  hint?: ReactNode;
  /** Marks the field invalid (aria-invalid) and is announced with it. */
  error?: string | null;
  /** Adds a show/hide button for password fields. */
  revealLabels?: { show: string; hide: string };
  id?: string;
  labelAside?: ReactNode;
}

export const TextField = forwardRef<HTMLInputElement, TextFieldProps>(function TextField(
  { label, hint, error, revealLabels, id, type = "text", className, labelAside, ...rest },
  ref,
) {
  const autoId = useId();
  const inputId = id ?? `field-${autoId}`;
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errorId = error ? `${inputId}-error` : undefined;
  const describedBy = [errorId, hintId, rest["aria-describedby"]].filter(Boolean).join(" ") || undefined;
  const [revealed, setRevealed] = useState(false);
  const canReveal = type === "password" && revealLabels;

  return (
    <div className={cx(styles.field, className)}>
      <div className={styles.labelRow}>
        <label className={styles.label} htmlFor={inputId}>
          {label}
        </label>
        {labelAside}
      </div>
      <div className={styles.control}>
        <input
          ref={ref}
          id={inputId}
          type={canReveal && revealed ? "text" : type}
          className={cx(styles.input, canReveal && styles.withToggle)}
          {...rest}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        />
        {canReveal ? (
          <button
            type="button"
            className={styles.toggle}
            onClick={() => setRevealed((value) => !value)}
            aria-label={revealed ? revealLabels.hide : revealLabels.show}
            aria-pressed={revealed}
            aria-controls={inputId}
          >
            {revealed ? <EyeOffIcon /> : <EyeIcon />}
          </button>
        ) : null}
      </div>
      {error ? (
        <p id={errorId} className={styles.error}>
          <AlertCircleIcon size={13} />
          <span>{error}</span>
        </p>
      ) : null}
      {hint ? (
        <p id={hintId} className={styles.hint}>
          {hint}
        </p>
      ) : null}
    </div>
  );
});

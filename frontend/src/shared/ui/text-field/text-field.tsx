"use client";

import { forwardRef, useState, type InputHTMLAttributes, type ReactNode } from "react";

import { EyeIcon, EyeOffIcon } from "../icons";
import { cx } from "@/shared/lib/classnames";
import { FieldShell } from "../field-shell";
import styles from "../field-shell/field.module.css";

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
  const [revealed, setRevealed] = useState(false);
  const canReveal = type === "password" && revealLabels;

  return (
    <FieldShell
      idPrefix="field"
      id={id}
      label={label}
      hint={hint}
      error={error}
      describedBy={rest["aria-describedby"]}
      labelRow
      labelAside={labelAside}
      className={className}
    >
      {(control) => (
        <div className={styles.control}>
          <input
            ref={ref}
            type={canReveal && revealed ? "text" : type}
            className={cx(styles.input, canReveal && styles.withToggle)}
            {...rest}
            {...control}
          />
          {canReveal ? (
            <button
              type="button"
              className={styles.toggle}
              onClick={() => setRevealed((value) => !value)}
              aria-label={revealed ? revealLabels.hide : revealLabels.show}
              aria-pressed={revealed}
              aria-controls={control.id}
            >
              {revealed ? <EyeOffIcon /> : <EyeIcon />}
            </button>
          ) : null}
        </div>
      )}
    </FieldShell>
  );
});

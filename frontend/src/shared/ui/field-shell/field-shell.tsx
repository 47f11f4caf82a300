import { useId, type ReactNode } from "react";

import { AlertCircleIcon } from "../icons";
import { cx } from "@/shared/lib/classnames";
import styles from "./field.module.css";

/** What the control spreads so that the label names it and the error and hint describe it. */
export interface FieldControlProps {
  id: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
}

export interface FieldShellProps {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  /** The control's id; without it one is made as `${idPrefix}-${useId()}`. */
  id?: string;
  idPrefix: string;
  /** The caller's own aria-describedby, read after the error and the hint. */
  describedBy?: string;
  /** Sets the label in a row, with `labelAside` (shown only there) at its end. */
  labelRow?: boolean;
  labelAside?: ReactNode;
  className?: string;
  /** The control (and anything around it), given its id and aria attributes. */
  children: (control: FieldControlProps) => ReactNode;
}

/** The label, error and hint around a form control, wired to it by id; shared by TextField, SelectField and TextAreaField. */
export function FieldShell({
  label,
  hint,
  error,
  id,
  idPrefix,
  describedBy,
  labelRow,
  labelAside,
  className,
  children,
}: FieldShellProps) {
  const autoId = useId();
  const controlId = id ?? `${idPrefix}-${autoId}`;
  const hintId = hint ? `${controlId}-hint` : undefined;
  const errorId = error ? `${controlId}-error` : undefined;
  const labelElement = (
    <label className={styles.label} htmlFor={controlId}>
      {label}
    </label>
  );

  return (
    <div className={cx(styles.field, className)}>
      {labelRow ? (
        <div className={styles.labelRow}>
          {labelElement}
          {labelAside}
        </div>
      ) : (
        labelElement
      )}
      {children({
        id: controlId,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": [errorId, hintId, describedBy].filter(Boolean).join(" ") || undefined,
      })}
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
}

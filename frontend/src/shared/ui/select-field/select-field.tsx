import { forwardRef, type ReactNode, type SelectHTMLAttributes } from "react";

import { cx } from "@/shared/lib/classnames";
import { FieldShell } from "../field-shell";
import styles from "../field-shell/field.module.css";

export interface SelectOption {
  value: string;
  label: string;
}

export interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, "id"> {
  label: ReactNode;
  options: readonly SelectOption[];
  hint?: ReactNode;
  error?: string | null;
  id?: string;
}

export const SelectField = forwardRef<HTMLSelectElement, SelectFieldProps>(function SelectField(
  { label, options, hint, error, id, className, ...rest },
  ref,
) {
  return (
    <FieldShell idPrefix="select" id={id} label={label} hint={hint} error={error} className={className}>
      {(control) => (
        <div className={styles.control}>
          <select ref={ref} {...control} className={cx(styles.input, styles.select)} {...rest}>
            {options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
      )}
    </FieldShell>
  );
});

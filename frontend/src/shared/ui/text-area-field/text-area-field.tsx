import { forwardRef, type ReactNode, type TextareaHTMLAttributes } from "react";

import { cx } from "@/shared/lib/classnames";
import { FieldShell } from "../field-shell";
import styles from "../field-shell/field.module.css";
import own from "./text-area-field.module.css";

export interface TextAreaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id"> {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  id?: string;
}

/** A multi-line text field with the same label, hint and error wiring as TextField. */
export const TextAreaField = forwardRef<HTMLTextAreaElement, TextAreaFieldProps>(function TextAreaField(
  { label, hint, error, id, className, rows = 4, ...rest },
  ref,
) {
  return (
    <FieldShell idPrefix="textarea" id={id} label={label} hint={hint} error={error} className={className}>
      {(control) => <textarea ref={ref} {...control} rows={rows} className={cx(styles.input, own.textarea)} {...rest} />}
    </FieldShell>
  );
});

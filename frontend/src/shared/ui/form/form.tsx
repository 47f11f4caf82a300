import type { FormHTMLAttributes, HTMLAttributes } from "react";

import { cx } from "@/shared/lib/classnames";
import styles from "./form.module.css";

/** A vertical form; native validation bubbles are off because fields show their own errors. */
/**
 * `method="post"`: a form submitted before the page's script has loaded goes the browser's
 * way, and a GET would put every field (passwords included) in the URL and the history.
 */
export function Form({ className, method = "post", ...rest }: FormHTMLAttributes<HTMLFormElement>) {
  return <form noValidate method={method} className={cx(styles.form, className)} {...rest} />;
}

export function FormActions({ className, end, ...rest }: HTMLAttributes<HTMLDivElement> & { end?: boolean }) {
  return <div className={cx(styles.actions, end && styles.actionsEnd, className)} {...rest} />;
}

export function FormRow({ className, ...rest }: HTMLAttributes<HTMLDivElement>) {
  return <div className={cx(styles.row, className)} {...rest} />;
}

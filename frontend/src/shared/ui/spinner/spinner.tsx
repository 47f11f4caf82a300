import { cx } from "@/shared/lib/classnames";
import styles from "./spinner.module.css";

export interface SpinnerProps {
  size?: number;
  /** Announced to screen readers; omit when a visible label says it already. */
  label?: string;
  className?: string;
}

export function Spinner({ size = 18, label, className }: SpinnerProps) {
  return (
    <span
      className={cx(styles.spinner, className)}
      style={{ width: size, height: size }}
      role={label ? "status" : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : true}
    />
  );
}

/** Full-area loading state with a visible label. */
export function PageSpinner({ label }: { label: string }) {
  return (
    <div className={styles.page} role="status" aria-live="polite">
      <Spinner size={24} />
      <span>{label}</span>
    </div>
  );
}

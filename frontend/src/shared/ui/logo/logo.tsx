import { cx } from "@/shared/lib/classnames";
import styles from "./logo.module.css";

export interface LogoProps {
  className?: string;
  /** Hide the word mark (icon only). */
  compact?: boolean;
}

export function Logo({ className, compact }: LogoProps) {
  return (
    <span className={cx(styles.logo, className)}>
      <svg className={styles.mark} width="24" height="24" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <rect width="24" height="24" rx="7" fill="var(--color-accent)" />
        <circle cx="12" cy="12" r="6.2" fill="none" stroke="var(--color-accent-contrast)" strokeWidth="1.6" />
        <path d="M10.4 9.3v5.4l4.3-2.7z" fill="var(--color-accent-contrast)" />
      </svg>
      {compact ? null : <span>VideoPlanet</span>}
    </span>
  );
}

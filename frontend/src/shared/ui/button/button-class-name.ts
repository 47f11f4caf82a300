import { cx } from "@/shared/lib/classnames";

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

import type { ReactNode } from "react";

import { cx } from "@/shared/lib/classnames";
import styles from "./avatar.module.css";

export interface AvatarProps {
  name: string;
  src?: string | null;
  size?: number;
  className?: string;
  /** Drawn instead of initials, for an actor that is no person (the system). */
  icon?: ReactNode;
}

/** First letter of the name (works for Hangul too), or up to two initials for Latin names. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return "?";
  const first = Array.from(words[0] ?? "")[0] ?? "?";
  if (/^[\p{Script=Latin}]/u.test(first) && words.length > 1) {
    const second = Array.from(words[words.length - 1] ?? "")[0] ?? "";
    return (first + second).toUpperCase();
  }
  return first.toUpperCase();
}

/**
 * Decorative: the initials are drawn by CSS (`data-initials`), not text, so a button that shows
 * an avatar beside a name keeps that name as its visible label (WCAG 2.5.3).
 */
export function Avatar({ name, src, size = 28, className, icon }: AvatarProps) {
  return (
    <span
      className={cx(styles.avatar, className)}
      style={{ width: size, height: size, fontSize: Math.round(size * 0.42) }}
      data-initials={src || icon ? undefined : initialsOf(name)}
      aria-hidden="true"
    >
      {icon && !src ? icon : null}
      {src ? (
        // eslint-disable-next-line @next/next/no-img-element -- user avatars come from the API origin, not next/image's loader
        <img src={src} alt="" />
      ) : null}
    </span>
  );
}

import type { ReactNode } from "react";

import { cx } from "@/shared/lib/classnames";
import styles from "./segmented.module.css";

export interface SegmentedOption<T extends string> {
  value: T;
  label: ReactNode;
  /** `lang` of the label (e.g. "한국어" is Korean whatever the UI language). */
  lang?: string;
}

export interface SegmentedProps<T extends string> {
  label: string;
  value: T;
  options: readonly SegmentedOption<T>[];
  onChange: (value: T) => void;
  className?: string;
  disabled?: boolean;
}

/** A row of toggle buttons (`aria-pressed`), one of which is on. */
export function Segmented<T extends string>({ label, value, options, onChange, className, disabled }: SegmentedProps<T>) {
  return (
    <div role="group" aria-label={label} className={cx(styles.group, className)}>
      {options.map((option) => (
        <button
          key={option.value}
          type="button"
          lang={option.lang}
          className={styles.option}
          aria-pressed={option.value === value}
          disabled={disabled}
          onClick={() => {
            if (option.value !== value) onChange(option.value);
          }}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}

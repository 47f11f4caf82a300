import { cx } from "@/shared/ui";

import type { AxisTick } from "../model/timeline";
import styles from "./phase-timeline.module.css";

export interface TimelineAxisProps {
  ticks: readonly AxisTick[];
  /** The ticks whose labels fit (null: not measured yet, label them all). */
  labelled: ReadonlySet<string> | null;
  heading: string;
  dayLabel: (iso: string) => string;
  axisRef: (node: HTMLDivElement | null) => void;
}

/**
 * The date axis over the bars: a label where it fits, with its tick's line beside it. An
 * unlabelled tick draws no line here (it would cross a neighbour's label); the rows below keep its grid line.
 */
export function TimelineAxis({ ticks, labelled, heading, dayLabel, axisRef }: TimelineAxisProps) {
  return (
    <div className={styles.axisRow} aria-hidden="true">
      <div className={styles.labelHead}>{heading}</div>
      <div className={styles.axis} ref={axisRef} data-testid="phase-axis">
        {ticks.map((tick) => {
          const shown = !labelled || labelled.has(tick.iso);
          return shown ? (
            <span
              key={tick.iso}
              className={cx(styles.tick, tick.major && styles.major)}
              style={{ left: `${tick.left}%` }}
              data-testid="phase-tick-label"
            >
              {dayLabel(tick.iso)}
            </span>
          ) : null;
        })}
      </div>
    </div>
  );
}

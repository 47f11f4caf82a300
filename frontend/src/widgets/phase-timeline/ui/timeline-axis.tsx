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

/** The date axis over the bars: a line at every tick, a label where it fits. */
export function TimelineAxis({ ticks, labelled, heading, dayLabel, axisRef }: TimelineAxisProps) {
  return (
    <div className={styles.axisRow} aria-hidden="true">
      <div className={styles.labelHead}>{heading}</div>
      <div className={styles.axis} ref={axisRef} data-testid="phase-axis">
        {ticks.map((tick) => (
          <span
            key={tick.iso}
            className={cx(styles.tick, tick.major && styles.major)}
            style={{ left: `${tick.left}%` }}
            data-testid={!labelled || labelled.has(tick.iso) ? "phase-tick-label" : undefined}
          >
            {!labelled || labelled.has(tick.iso) ? dayLabel(tick.iso) : null}
          </span>
        ))}
      </div>
    </div>
  );
}

import { Skeleton } from "@/shared/ui";

import styles from "./feedback-panel.module.css";

/** What the comment list shows while it loads. */
export function FeedbackPanelSkeleton() {
  return (
    <div className={styles.loading}>
      <Skeleton height={72} />
      <Skeleton height={72} />
      <Skeleton height={72} />
    </div>
  );
}

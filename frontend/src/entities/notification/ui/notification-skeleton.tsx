import { Skeleton } from "@/shared/ui";

import styles from "./notification-item.module.css";

/** Loading placeholder shaped like a list of notifications. */
export function NotificationSkeleton({ rows = 4 }: { rows?: number }) {
  return (
    <ul aria-hidden="true" style={{ listStyle: "none", margin: 0, padding: 0 }}>
      {Array.from({ length: rows }, (_, index) => (
        <li key={index} className={styles.item}>
          <span />
          <div className={styles.content}>
            <Skeleton width={`${60 - index * 7}%`} height={14} />
            <Skeleton width="85%" height={11} />
            <Skeleton width={64} height={10} />
          </div>
          <span />
        </li>
      ))}
    </ul>
  );
}

import type { HTMLAttributes, ReactNode } from "react";

import { cx } from "@/shared/lib/classnames";
import styles from "./card.module.css";

export interface CardProps extends Omit<HTMLAttributes<HTMLElement>, "title"> {
  title?: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  /** Body without padding, for lists that run edge to edge. */
  flush?: boolean;
  /** Heading level for the title (keeps the page outline right). */
  headingLevel?: 2 | 3;
}

export function Card({ title, description, actions, flush, headingLevel = 2, className, children, ...rest }: CardProps) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section className={cx(styles.card, className)} {...rest}>
      {title || actions ? (
        <header className={styles.header}>
          <div className={styles.titles}>
            {title ? <Heading className={styles.title}>{title}</Heading> : null}
            {description ? <p className={styles.description}>{description}</p> : null}
          </div>
          {actions}
        </header>
      ) : null}
      <div className={cx(styles.body, flush && styles.flush)}>{children}</div>
    </section>
  );
}

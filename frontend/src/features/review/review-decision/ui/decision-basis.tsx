"use client";

import { percentLabel, rangeLabels, type DecisionBasis } from "@/entities/attention";
import { useTranslations } from "@/shared/i18n";

import styles from "./decision-panel.module.css";

/** "Watched 72%" beside a decision, for the team: what the reviewer had played when deciding. */
export function DecisionBasisNote({ basis }: { basis: DecisionBasis | undefined }) {
  const t = useTranslations("attention.decision");
  if (!basis || basis.watched_percent === null) return <span className={styles.basis} />;
  const percent = percentLabel(basis.watched_percent);
  const { labels, more } = rangeLabels(basis.unwatched ?? []);
  const title =
    labels.length === 0
      ? t("watchedAll")
      : t("watchedTitle", { percent, ranges: labels.join(", ") + (more > 0 ? ` +${more}` : "") });
  return (
    <span className={styles.basis} data-complete={labels.length === 0} title={title} data-testid="decision-basis">
      {t("watched", { percent })}
    </span>
  );
}

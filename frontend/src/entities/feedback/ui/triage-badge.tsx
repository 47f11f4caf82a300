"use client";

import { categoryEnumValues, triageOutPriorityEnumValues } from "@/shared/api";
import { useTranslations } from "@/shared/i18n";

import type { FeedbackTriage } from "../model/types";
import styles from "./triage-badge.module.css";

const KNOWN_CATEGORIES = categoryEnumValues;
const KNOWN_PRIORITIES = triageOutPriorityEnumValues;

const isOneOf = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);

/** What AI triage made of a comment: category, priority, and whether it asks for a change. */
export function TriageBadge({ triage }: { triage: FeedbackTriage | null | undefined }) {
  const t = useTranslations("reviewTriage");
  if (!triage) return null;
  const category = isOneOf(KNOWN_CATEGORIES, triage.category) ? t(`category.${triage.category}`) : triage.category;
  const priority = isOneOf(KNOWN_PRIORITIES, triage.priority) ? t(`priority.${triage.priority}`) : triage.priority;
  return (
    <span
      className={styles.badge}
      data-priority={triage.priority}
      data-testid="triage-badge"
      title={t("title", { category, priority })}
    >
      <span className={styles.ai} aria-hidden="true">
        AI
      </span>
      {category}
      <span className={styles.sep} aria-hidden="true">
        ·
      </span>
      {priority}
      {triage.actionable ? null : <span className={styles.muted}>{t("notActionable")}</span>}
    </span>
  );
}

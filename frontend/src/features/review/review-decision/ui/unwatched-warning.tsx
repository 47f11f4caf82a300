"use client";

import { rangeLabels, type AttentionRange } from "@/entities/attention";
import { useTranslations } from "@/shared/i18n";
import { AlertCircleIcon, Button } from "@/shared/ui";

import styles from "./decision-panel.module.css";

export interface UnwatchedWarningProps {
  ranges: readonly AttentionRange[];
  decision: "approved" | "changes_requested";
  onConfirm: () => void;
  onCancel: () => void;
}

/** "You have not watched 00:40–01:10": said before a decision on a version not watched through; it may still be made. */
export function UnwatchedWarning({ ranges, decision, onConfirm, onCancel }: UnwatchedWarningProps) {
  const t = useTranslations("attention.decision");
  const { labels, more } = rangeLabels(ranges);
  const text =
    more > 0 ? t("warningMore", { ranges: labels.join(", "), count: more }) : t("warning", { ranges: labels.join(", ") });
  return (
    <div className={styles.warning} role="alert" data-testid="unwatched-warning">
      <p className={styles.warningText}>
        <AlertCircleIcon size={16} />
        <span>{text}</span>
      </p>
      <p className={styles.hint}>{t("warningHint")}</p>
      <div className={styles.buttons}>
        <Button size="sm" variant="secondary" onClick={onCancel} autoFocus>
          {t("keepWatching")}
        </Button>
        <Button size="sm" variant={decision === "approved" ? "primary" : "danger"} onClick={onConfirm} data-testid="decide-anyway">
          {t(`confirm.${decision}`)}
        </Button>
      </div>
    </div>
  );
}

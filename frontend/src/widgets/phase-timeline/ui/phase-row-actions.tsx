import { useTranslations } from "@/shared/i18n";
import { cx } from "@/shared/ui";

import styles from "./phase-timeline.module.css";

export interface PhaseRowActionsProps {
  name: string;
  first: boolean;
  last: boolean;
  onMove: (direction: -1 | 1) => void;
  onEdit: () => void;
  onDelete: () => void;
}

/** A phase row's tools (reorder, edit, delete), floating over its label on hover or focus. */
export function PhaseRowActions({ name, first, last, onMove, onEdit, onDelete }: PhaseRowActionsProps) {
  const t = useTranslations("projectPhases");
  return (
    <div className={styles.rowActions}>
      <button type="button" className={styles.iconButton} aria-label={t("moveUp", { name })} disabled={first} onClick={() => onMove(-1)}>
        ↑
      </button>
      <button type="button" className={styles.iconButton} aria-label={t("moveDown", { name })} disabled={last} onClick={() => onMove(1)}>
        ↓
      </button>
      <button type="button" className={styles.textButton} aria-label={t("editPhase", { name })} onClick={onEdit}>
        {t("edit")}
      </button>
      <button type="button" className={cx(styles.textButton, styles.dangerText)} aria-label={t("deletePhase", { name })} onClick={onDelete}>
        {t("delete")}
      </button>
    </div>
  );
}

"use client";

import { useTranslations } from "@/shared/i18n";

import type { ShotRef } from "../model/types";
import styles from "./shot-map.module.css";

/** "Shot 3": which shot of the linked plan a comment is in. */
export function ShotBadge({ shot }: { shot: ShotRef | null | undefined }) {
  const t = useTranslations("shots");
  if (!shot) return null;
  return (
    <span className={styles.badge} title={t("badgeTitle", { number: shot.number })} data-testid="shot-badge">
      {t("badge", { number: shot.number })}
    </span>
  );
}

"use client";

import { SHOT_SIZES } from "@/shared/api";
import { useTranslations } from "@/shared/i18n";

import type { MappedShot, ShotMap } from "../model/types";
import styles from "./shot-map.module.css";

const isKnownSize = (size: string): size is (typeof SHOT_SIZES)[number] => (SHOT_SIZES as readonly string[]).includes(size);

/** The shot size in the reader's language (the plan's own value when unknown). */
export function useShotSizeLabel(): (size: string) => string {
  const t = useTranslations("planningShots");
  return (size) => (isKnownSize(size) ? t(`sizes.${size}`) : size);
}

export interface CurrentShotProps {
  map: ShotMap;
  /** The shot under the playhead (null between shots). */
  shot: MappedShot | null;
}

/** Under the player: the shot of the plan the playhead is in — number, size and what it shows. */
export function CurrentShot({ map, shot }: CurrentShotProps) {
  const t = useTranslations("shots");
  const sizeLabel = useShotSizeLabel();
  if (map.shots.length === 0) return null;
  return (
    <p className={styles.current} aria-live="polite" data-testid="current-shot">
      {shot ? (
        <>
          <span className={styles.currentNumber}>{t("current.number", { number: shot.number, total: map.shots.length })}</span>
          <span className={styles.currentSize}>{sizeLabel(shot.size)}</span>
          <span className={styles.currentText} title={shot.description}>
            {shot.description}
          </span>
        </>
      ) : (
        <span className={styles.currentGap}>{t("current.none")}</span>
      )}
      {map.source !== "none" ? <span className={styles.source}>{t(`current.source.${map.source}`)}</span> : null}
    </p>
  );
}

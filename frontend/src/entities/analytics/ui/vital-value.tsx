"use client";

import { useAppLocale, useTranslations } from "@/shared/i18n";
import { cx } from "@/shared/ui";

import { formatVital, rateVital, type VitalName } from "../model/vitals";
import styles from "./vital-value.module.css";

export interface VitalValueProps {
  name: VitalName;
  value: number | null;
  /** The report's `vital_thresholds[name]`. */
  thresholds: readonly number[];
}

/** A p75 value with its rating as colour and as words (never colour alone). */
export function VitalValue({ name, value, thresholds }: VitalValueProps) {
  const t = useTranslations("analyticsVitals");
  const { locale } = useAppLocale();
  if (value === null) {
    return <span className={styles.none}>{t("noSample")}</span>;
  }
  const rating = rateVital(value, thresholds);
  return (
    <span className={cx(styles.value, styles[rating])} data-rating={rating}>
      <span className={styles.dot} aria-hidden="true" />
      <span className={styles.number}>{formatVital(name, value, locale)}</span>
      <span className={styles.rating}>{t(`rating.${rating}`)}</span>
    </span>
  );
}

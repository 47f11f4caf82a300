"use client";

import {
  intervalsFor,
  RANGE_PRESETS,
  resolveRange,
  toLocalDateString,
  type AnalyticsInterval,
  type RangePreset,
  type RangeSelection,
} from "@/entities/analytics";
import { useTranslations } from "@/shared/i18n";
import { Segmented, TextField } from "@/shared/ui";

import styles from "./analytics-report.module.css";

export interface RangePickerProps {
  value: RangeSelection;
  onChange: (value: RangeSelection) => void;
  now: Date;
}

/** Preset or custom dates, and the bucket size the range allows. */
export function RangePicker({ value, onChange, now }: RangePickerProps) {
  const t = useTranslations("analyticsReport");
  const intervals = intervalsFor(value, now);
  const resolved = resolveRange(value, now);
  const today = toLocalDateString(now);
  const customIncomplete = value.preset === "custom" && (!value.customFrom || !value.customTo);

  function choosePreset(preset: RangePreset) {
    if (preset === "custom") {
      // Start from the last week so the fields are never blank.
      const weekAgo = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 6);
      onChange({ preset, customFrom: value.customFrom ?? toLocalDateString(weekAgo), customTo: value.customTo ?? today });
    } else {
      onChange({ preset });
    }
  }

  return (
    <div className={styles.toolbar}>
      <Segmented<RangePreset>
        label={t("rangeLabel")}
        value={value.preset}
        onChange={choosePreset}
        options={RANGE_PRESETS.map((preset) => ({ value: preset, label: t(`range.${preset}`) }))}
      />
      {value.preset === "custom" ? (
        <div className={styles.dates}>
          <TextField
            className={styles.date}
            type="date"
            label={t("from")}
            max={value.customTo ?? today}
            value={value.customFrom ?? ""}
            onChange={(event) => onChange({ ...value, customFrom: event.target.value })}
            error={!resolved && !customIncomplete ? t("customInvalid") : null}
          />
          <TextField
            className={styles.date}
            type="date"
            label={t("to")}
            min={value.customFrom}
            max={today}
            value={value.customTo ?? ""}
            onChange={(event) => onChange({ ...value, customTo: event.target.value })}
          />
        </div>
      ) : null}
      <Segmented<AnalyticsInterval>
        className={styles.interval}
        label={t("intervalLabel")}
        value={resolved?.interval ?? intervals[0]!}
        onChange={(interval) => onChange({ ...value, interval })}
        disabled={intervals.length < 2}
        options={intervals
          .slice()
          .sort((a, b) => (a === "hour" ? -1 : b === "hour" ? 1 : 0))
          .map((interval) => ({ value: interval, label: t(`interval.${interval}`) }))}
      />
    </div>
  );
}

"use client";

import type { ReactNode } from "react";

import { CAMERA_MOVEMENTS, SHOT_SIZES, type Shot } from "@/entities/plan";
import { useTranslations } from "@/shared/i18n";
import { Button, cx } from "@/shared/ui";

import type { ShotDraft, ShotDraftIssues } from "../model/shots";
import styles from "./shot-list-table.module.css";

export interface ShotEditRowProps {
  shot: Shot;
  draft: ShotDraft;
  issues: ShotDraftIssues;
  /** How many columns the table has: the editor spans all but the number and scene. */
  columns: number;
  saving: boolean;
  onChange: (field: keyof ShotDraft, value: string) => void;
  onCancel: () => void;
}

/**
 * The shot being edited: its number and scene stay in their columns, the fields lie in a
 * grid across the rest of the row, so editing never makes the table wider than its card.
 */
export function ShotEditRow({ shot, draft, issues, columns, saving, onChange, onCancel }: ShotEditRowProps) {
  const t = useTranslations("planningShots");
  const errorId = (field: keyof ShotDraft) => `shot-${shot.number}-${field}-error`;
  const issue = (field: keyof ShotDraft) =>
    issues[field] ? (
      <p id={errorId(field)} className={styles.error}>
        {t(`errors.${issues[field]}`)}
      </p>
    ) : null;
  const invalid = (field: keyof ShotDraft) =>
    issues[field] ? { "aria-invalid": true as const, "aria-describedby": errorId(field) } : {};
  const set = (field: keyof ShotDraft) => (event: { target: { value: string } }) => onChange(field, event.target.value);

  const field = (label: string, control: ReactNode, error: ReactNode, span: 1 | 2 | 3 = 1) => (
    <div className={cx(styles.field, span === 2 && styles.span2, span === 3 && styles.span3)}>
      <label className={styles.fieldLabel}>
        <span>{label}</span>
        {control}
      </label>
      {error}
    </div>
  );

  return (
    <tr className={styles.editingRow} data-testid="shot-row-editing">
      <td className={styles.num}>{shot.number}</td>
      <td className={styles.num}>{shot.scene}</td>
      <td colSpan={columns - 2}>
        <div className={styles.editor}>
          {field(
            t("columns.shotSize"),
            <select value={draft.shot_size} onChange={set("shot_size")} className={styles.input}>
              {SHOT_SIZES.map((value) => (
                <option key={value} value={value}>
                  {t(`sizes.${value}`)}
                </option>
              ))}
            </select>,
            null,
          )}
          {field(
            t("columns.movement"),
            <select value={draft.camera_movement} onChange={set("camera_movement")} className={styles.input}>
              {CAMERA_MOVEMENTS.map((value) => (
                <option key={value} value={value}>
                  {t(`movements.${value}`)}
                </option>
              ))}
            </select>,
            null,
          )}
          {field(
            t("columns.duration"),
            <input value={draft.duration_seconds} onChange={set("duration_seconds")} inputMode="decimal" className={styles.input} {...invalid("duration_seconds")} />,
            issue("duration_seconds"),
          )}
          {field(t("columns.location"), <input value={draft.location} onChange={set("location")} className={styles.input} {...invalid("location")} />, issue("location"))}
          {field(
            t("columns.props"),
            <input value={draft.props} onChange={set("props")} placeholder={t("propsPlaceholder")} className={styles.input} {...invalid("props")} />,
            issue("props"),
            2,
          )}
          {field(
            t("columns.description"),
            <textarea value={draft.description} onChange={set("description")} rows={3} className={styles.input} autoFocus {...invalid("description")} />,
            issue("description"),
            3,
          )}
          {field(
            t("columns.audio"),
            <textarea value={draft.audio} onChange={set("audio")} rows={3} className={styles.input} {...invalid("audio")} />,
            issue("audio"),
            3,
          )}
          <div className={styles.editorActions}>
            <Button size="sm" variant="ghost" onClick={onCancel} disabled={saving}>
              {t("cancel")}
            </Button>
            <Button type="submit" size="sm" variant="primary" loading={saving}>
              {t("save")}
            </Button>
          </div>
        </div>
      </td>
    </tr>
  );
}

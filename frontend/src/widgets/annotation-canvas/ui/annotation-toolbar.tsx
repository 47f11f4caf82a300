"use client";

import { ANNOTATION_COLORS } from "@/entities/feedback";
import { useTranslations } from "@/shared/i18n";
import { cx } from "@/shared/ui";

import { DRAW_TOOLS, type DrawTool } from "../model/draw";
import styles from "./annotation-canvas.module.css";

const ICONS: Record<DrawTool, string> = {
  freehand: "M2 12c2-6 4-8 6-4s4 2 6-4",
  arrow: "M3 13 13 3m0 0H7m6 0v6",
  rect: "M3 4h10v8H3z",
  ellipse: "M8 3.5c3 0 5.5 2 5.5 4.5S11 12.5 8 12.5 2.5 10.5 2.5 8 5 3.5 8 3.5z",
  text: "M3 4h10M8 4v9",
};

const COLOR_NAMES = {
  "#ff4d4f": "ff4d4f",
  "#ffc53d": "ffc53d",
  "#52c41a": "52c41a",
  "#40a9ff": "40a9ff",
  "#ffffff": "ffffff",
} as const satisfies Record<(typeof ANNOTATION_COLORS)[number], string>;

export interface AnnotationToolbarProps {
  tool: DrawTool;
  onToolChange: (tool: DrawTool) => void;
  color: string;
  onColorChange: (color: string) => void;
  canUndo: boolean;
  onUndo: () => void;
  onClear: () => void;
  onDone: () => void;
}

/** Tools, colours, undo and clear for drawing on the frame. */
export function AnnotationToolbar({ tool, onToolChange, color, onColorChange, canUndo, onUndo, onClear, onDone }: AnnotationToolbarProps) {
  const t = useTranslations("reviewDraw");
  return (
    <div className={styles.toolbar} role="toolbar" aria-label={t("toolbar")} data-testid="annotation-toolbar">
      {DRAW_TOOLS.map((item) => (
        <button
          key={item}
          type="button"
          className={cx(styles.tool, item === tool && styles.toolOn)}
          aria-pressed={item === tool}
          aria-label={t(`tools.${item}`)}
          title={t(`tools.${item}`)}
          onClick={() => onToolChange(item)}
        >
          <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
            <path d={ICONS[item]} fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
        </button>
      ))}
      <span className={styles.divider} aria-hidden="true" />
      <div role="radiogroup" aria-label={t("color")} className={styles.colors}>
        {ANNOTATION_COLORS.map((item) => (
          <button
            key={item}
            type="button"
            role="radio"
            aria-checked={item === color}
            aria-label={t(`colors.${COLOR_NAMES[item]}`)}
            className={cx(styles.swatch, item === color && styles.swatchOn)}
            style={{ background: item }}
            onClick={() => onColorChange(item)}
          />
        ))}
      </div>
      <span className={styles.divider} aria-hidden="true" />
      <button type="button" className={styles.textButton} disabled={!canUndo} onClick={onUndo}>
        {t("undo")}
      </button>
      <button type="button" className={styles.textButton} disabled={!canUndo} onClick={onClear}>
        {t("clear")}
      </button>
      <button type="button" className={cx(styles.textButton, styles.done)} onClick={onDone}>
        {t("done")}
      </button>
    </div>
  );
}

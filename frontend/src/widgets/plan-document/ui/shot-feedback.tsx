"use client";

import Link from "next/link";
import { useMemo } from "react";

import { registerShotFeedbackRealtime, useGetPlanShotFeedbackQuery, type ShotFeedback } from "@/entities/shot-map";
import { routes } from "@/shared/config";
import { useTranslations } from "@/shared/i18n";
import { useRealtimeListeners } from "@/shared/lib/redux";

import styles from "./shot-feedback.module.css";

export interface PlanShotFeedback {
  /** Rows of one shot (one per linked cut), by shot number. */
  byShot: ReadonlyMap<number, readonly ShotFeedback[]>;
  /** The linked cuts, once each. */
  assets: ReadonlyArray<Pick<ShotFeedback, "asset_id" | "asset_title" | "version_number">>;
  loaded: boolean;
}

/**
 * Review comments per shot on the latest version of each cut linked to the plan, refetched
 * whenever the project stream says they moved (`plan.shot_feedback.changed`).
 */
export function usePlanShotFeedback(planId: string): PlanShotFeedback {
  useRealtimeListeners(registerShotFeedbackRealtime);
  const query = useGetPlanShotFeedbackQuery(planId);
  const rows = query.data;
  return useMemo(() => {
    const list = Array.isArray(rows) ? rows : [];
    const byShot = new Map<number, ShotFeedback[]>();
    const assets = new Map<string, ShotFeedback>();
    for (const row of list) {
      byShot.set(row.number, [...(byShot.get(row.number) ?? []), row]);
      if (!assets.has(row.asset_id)) assets.set(row.asset_id, row);
    }
    return { byShot, assets: [...assets.values()], loaded: Array.isArray(rows) };
  }, [rows]);
}

/** Above the shot list: which cuts the counts come from, or how to link one. */
export function ShotFeedbackNote({ feedback }: { feedback: PlanShotFeedback }) {
  const t = useTranslations("shots.plan");
  if (!feedback.loaded) return null;
  if (feedback.assets.length === 0) return <p className={styles.note}>{t("notLinked")}</p>;
  const assets = feedback.assets
    .map((asset) =>
      asset.version_number === null
        ? t("assetNoVersion", { title: asset.asset_title })
        : t("asset", { title: asset.asset_title, version: asset.version_number }),
    )
    .join(", ");
  return (
    <p className={styles.note} data-testid="shot-feedback-note">
      {t("linked", { assets })}
    </p>
  );
}

/** One shot's cell: open and resolved comments per linked cut, and a way into the review room at the shot. */
export function ShotFeedbackCell({ rows, showAsset }: { rows: readonly ShotFeedback[]; showAsset: boolean }) {
  const t = useTranslations("shots.plan");
  if (rows.length === 0) return <span className={styles.muted}>—</span>;
  return (
    <ul className={styles.cell}>
      {rows.map((row) => (
        <li key={row.asset_id} className={styles.row} data-testid="shot-feedback" data-shot-number={row.number}>
          {showAsset ? <span className={styles.asset}>{row.asset_title}</span> : null}
          {row.version_id === null ? (
            <span className={styles.muted}>{t("noVersion")}</span>
          ) : row.start_frame === null ? (
            <span className={styles.muted}>{t("notInCut")}</span>
          ) : (
            <>
              <span className={row.open > 0 ? styles.open : styles.counts} data-testid="shot-feedback-counts">
                {t("counts", { open: row.open, resolved: row.resolved })}
              </span>
              <Link
                className={styles.link}
                href={`${routes.assetReview(row.asset_id)}?${new URLSearchParams({ version: row.version_id, frame: String(row.start_frame) })}`}
                aria-label={t("openLabel", { asset: row.asset_title, version: row.version_number ?? 0, number: row.number })}
                data-testid="shot-feedback-open"
              >
                {t("open")}
              </Link>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

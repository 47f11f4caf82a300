"use client";

import type { ReactNode } from "react";

import { ShotListTable } from "@/features/planning/edit-shot-list";
import { ExportShotListButton } from "@/features/planning/export-shot-list";
import { RegenerateSectionButton } from "@/features/planning/generate-plan";
import { PLAN_STEPS, type Plan, type PlanResult, type PlanSection } from "@/entities/plan";
import { useFormatter, useTranslations } from "@/shared/i18n";
import { Card } from "@/shared/ui";

import styles from "./plan-document.module.css";
import { ShotFeedbackCell, ShotFeedbackNote, usePlanShotFeedback } from "./shot-feedback";
import { StoryboardGrid } from "./storyboard-grid";

export interface PlanDocumentProps {
  plan: Plan & { result: PlanResult };
  /** Why the user may not edit or regenerate (role, plan busy); null when they may. */
  editDisabledReason: string | null;
  /** Why no section may be regenerated besides the above (AI not configured); null when it may. */
  regenerateDisabledReason?: string | null;
}

function minutes(seconds: number): string {
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}

/** A generated plan: overview, sections, scenes, shot list, storyboard and schedule, each regenerable. */
export function PlanDocument({ plan, editDisabledReason, regenerateDisabledReason = null }: PlanDocumentProps) {
  const t = useTranslations("planningPlan");
  const ts = useTranslations("planningSections");
  const format = useFormatter();
  const tshots = useTranslations("shots.plan");
  const shotFeedback = usePlanShotFeedback(plan.id);
  const { result } = plan;
  const total = result.sections.reduce((sum, section) => sum + section.duration_seconds, 0) || 1;

  const regenerate = (section: PlanSection) => (
    <RegenerateSectionButton
      planId={plan.id}
      section={section}
      sectionLabel={ts(section)}
      disabledReason={editDisabledReason ?? regenerateDisabledReason}
    />
  );
  const block = (section: PlanSection, children: ReactNode, extra?: ReactNode) => (
    <Card
      id={`plan-${section}`}
      title={ts(section)}
      actions={
        <div className={styles.cardActions}>
          {extra}
          {regenerate(section)}
        </div>
      }
      data-testid={`plan-section-${section}`}
    >
      {children}
    </Card>
  );

  return (
    <div className={styles.document}>
      <nav aria-label={t("contents")} className={styles.toc}>
        {PLAN_STEPS.map((section) => (
          <a key={section} href={`#plan-${section}`}>
            {ts(section)}
          </a>
        ))}
      </nav>

      {block(
        "overview",
        <div className={styles.overview}>
          <p className={styles.logline} data-testid="plan-logline">
            {result.logline}
          </p>
          <p className={styles.synopsis}>{result.synopsis}</p>
        </div>,
      )}

      {block(
        "sections",
        <div className={styles.sections}>
          <div className={styles.timeline} aria-hidden="true">
            {result.sections.map((section, index) => (
              <span
                key={`${section.title}-${index}`}
                className={styles.segment}
                style={{ flexGrow: section.duration_seconds / total }}
                title={`${section.title} · ${minutes(section.duration_seconds)}`}
              />
            ))}
          </div>
          <ol className={styles.sectionList}>
            {result.sections.map((section, index) => (
              <li key={`${section.title}-${index}`} className={styles.sectionItem}>
                <div className={styles.sectionHead}>
                  <span className={styles.sectionTitle}>{section.title}</span>
                  <span className={styles.duration}>
                    {t("duration", { time: minutes(section.duration_seconds), seconds: section.duration_seconds })}
                  </span>
                </div>
                <p className={styles.muted}>{section.purpose}</p>
              </li>
            ))}
          </ol>
          <p className={styles.total}>{t("sectionsTotal", { time: minutes(total) })}</p>
        </div>,
      )}

      {block(
        "scenes",
        <ol className={styles.scenes}>
          {result.scenes.map((scene) => (
            <li key={scene.number} className={styles.scene}>
              <div className={styles.sceneHead}>
                <span className={styles.sceneNumber}>{t("sceneNumber", { number: scene.number })}</span>
                <span className={styles.sceneHeading}>{scene.heading}</span>
                <span className={styles.duration}>{t("seconds", { seconds: scene.duration_seconds })}</span>
              </div>
              <p className={styles.sceneMeta}>
                {[scene.section, scene.location, scene.time_of_day].filter(Boolean).join(" · ")}
              </p>
              <p>{scene.description}</p>
            </li>
          ))}
        </ol>,
      )}

      {block(
        "shots",
        <>
          <ShotFeedbackNote feedback={shotFeedback} />
          <ShotListTable
            plan={plan}
            editDisabledReason={editDisabledReason}
            extraColumn={
              shotFeedback.assets.length > 0
                ? {
                    header: tshots("column"),
                    cell: (shot) => (
                      <ShotFeedbackCell rows={shotFeedback.byShot.get(shot.number) ?? []} showAsset={shotFeedback.assets.length > 1} />
                    ),
                  }
                : null
            }
          />
        </>,
        <ExportShotListButton planId={plan.id} revision={plan.revision} />,
      )}

      {block("storyboard", <StoryboardGrid frames={result.storyboard} shots={result.shots} imagesStatus={result.images_status} />)}

      {block(
        "schedule",
        result.schedule.length ? (
          <ol className={styles.schedule}>
            {result.schedule.map((item, index) => (
              <li key={`${item.phase}-${index}`} className={styles.scheduleItem}>
                <div className={styles.scheduleHead}>
                  <span className={styles.sectionTitle}>{item.phase}</span>
                  <span className={styles.duration}>
                    {format.dateTimeRange(new Date(`${item.start}T00:00:00`), new Date(`${item.end}T00:00:00`), {
                      month: "short",
                      day: "numeric",
                    })}
                  </span>
                </div>
                {item.tasks.length ? (
                  <ul className={styles.tasks}>
                    {item.tasks.map((task) => (
                      <li key={task}>{task}</li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ol>
        ) : (
          <p className={styles.muted}>{t("noSchedule")}</p>
        ),
      )}
    </div>
  );
}

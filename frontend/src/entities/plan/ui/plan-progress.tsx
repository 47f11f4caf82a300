import { useTranslations } from "@/shared/i18n";
import { CheckIcon, cx } from "@/shared/ui";

import { progressView } from "../model/progress";
import type { PlanSummary } from "../model/types";
import styles from "./plan-progress.module.css";

/** Live progress of a plan generation: a bar and the named steps, each done, current or pending. */
export function PlanProgress({
  plan,
  imagesStep = true,
}: {
  plan: Pick<PlanSummary, "status" | "progress_step" | "progress_percent">;
  /** Whether reference images are searched (an image provider is configured). */
  imagesStep?: boolean;
}) {
  const t = useTranslations("planningProgress");
  const view = progressView(plan, { imagesStep });
  const currentLabel = view.current ? t(`steps.${view.current}`) : t("waiting");

  return (
    <section className={styles.progress} aria-labelledby="plan-progress-title" data-testid="plan-progress">
      <div className={styles.head}>
        <h2 id="plan-progress-title" className={styles.title}>
          {plan.status === "failed" ? t("failedTitle") : view.percent >= 100 ? t("doneTitle") : t("title")}
        </h2>
        <span className={styles.percent} data-testid="plan-progress-percent">
          {view.percent}%
        </span>
      </div>
      <div
        role="progressbar"
        aria-label={t("label")}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={view.percent}
        aria-valuetext={t("valueText", { percent: view.percent, step: currentLabel })}
        className={styles.track}
      >
        <div className={cx(styles.bar, plan.status === "failed" && styles.barFailed)} style={{ width: `${view.percent}%` }} />
      </div>
      <p className={styles.now} aria-live="polite">
        {plan.status === "failed" ? t("failed") : t("current", { step: currentLabel })}
      </p>
      <ol className={styles.steps}>
        {view.steps.map(({ step, state }) => (
          <li key={step} className={cx(styles.step, styles[state])} data-state={state}>
            <span className={styles.marker} aria-hidden="true">
              {state === "done" ? <CheckIcon size={12} /> : null}
            </span>
            <span>{t(`steps.${step}`)}</span>
            <span className={styles.srState}>{t(`states.${state}`)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

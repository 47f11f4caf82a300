"use client";

import { useMemo, useState, type FormEvent, type ReactNode } from "react";

import {
  type CAMERA_MOVEMENTS,
  type SHOT_SIZES,
  useEditPlanMutation,
  type Plan,
  type PlanResult,
  type Shot,
} from "@/entities/plan";
import { asApiError, type ApiError } from "@/shared/api";
import { useTranslations } from "@/shared/i18n";
import { useApiErrorText } from "@/shared/lib/errors";
import { Button, FormAlert, useToast, VisuallyHidden } from "@/shared/ui";

import {
  applyDraft,
  draftOf,
  nextSort,
  sortShots,
  totalDuration,
  validateDraft,
  type ShotDraft,
  type ShotDraftIssues,
  type ShotSort,
  type ShotSortKey,
} from "../model/shots";
import styles from "./shot-list-table.module.css";
import { ShotEditRow } from "./shot-edit-row";

export interface ShotListTableProps {
  plan: Plan & { result: PlanResult };
  /** Why editing is off (role, plan busy); null when the user may edit. */
  editDisabledReason?: string | null;
  /** A column of the page's own before the actions (the plan page: review comments per shot). */
  extraColumn?: { header: string; cell: (shot: Shot) => ReactNode } | null;
}

const SORTABLE: Array<{ key: ShotSortKey; label: "number" | "scene" | "shotSize" | "movement" | "duration" | "location" }> = [
  { key: "number", label: "number" },
  { key: "scene", label: "scene" },
  { key: "shot_size", label: "shotSize" },
  { key: "camera_movement", label: "movement" },
];

/** The shot list: sortable columns, one row editable at a time; saving stores a new plan revision. */
export function ShotListTable({ plan, editDisabledReason, extraColumn = null }: ShotListTableProps) {
  const t = useTranslations("planningShots");
  const errorText = useApiErrorText();
  const toast = useToast();
  const [sort, setSort] = useState<ShotSort>({ key: "number", direction: "ascending" });
  const [editing, setEditing] = useState<number | null>(null);
  const [draft, setDraft] = useState<ShotDraft | null>(null);
  const [issues, setIssues] = useState<ShotDraftIssues>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [editPlan, { isLoading: saving }] = useEditPlanMutation();

  const shots = useMemo(() => sortShots(plan.result.shots, sort), [plan.result.shots, sort]);

  const startEdit = (shot: Shot) => {
    setEditing(shot.number);
    setDraft(draftOf(shot));
    setIssues({});
    setError(null);
  };
  const cancel = () => {
    setEditing(null);
    setDraft(null);
    setIssues({});
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (editing === null || !draft) return;
    const found = validateDraft(draft);
    setIssues(found);
    if (Object.keys(found).length) return;
    setError(null);
    try {
      const saved = await editPlan({
        id: plan.id,
        result: applyDraft(plan.result, editing, draft),
        baseRevision: plan.revision,
      }).unwrap();
      toast.show({ tone: "success", message: t("saved", { number: editing, revision: saved.revision }) });
      cancel();
    } catch (caught) {
      setError(asApiError(caught));
    }
  };

  const sizeLabel = (value: string) => t(`sizes.${value as (typeof SHOT_SIZES)[number]}`);
  const movementLabel = (value: string) => t(`movements.${value as (typeof CAMERA_MOVEMENTS)[number]}`);

  const header = (key: ShotSortKey, label: string) => {
    const active = sort.key === key;
    return (
      <th key={key} scope="col" aria-sort={active ? sort.direction : "none"} className={styles.sortable}>
        <button type="button" className={styles.sortButton} onClick={() => setSort(nextSort(sort, key))}>
          {label}
          <span aria-hidden="true" className={styles.sortMark}>
            {active ? (sort.direction === "ascending" ? "▲" : "▼") : "↕"}
          </span>
        </button>
      </th>
    );
  };

  // The sortable ones, description, audio, duration, location, props, the page's own, actions.
  const columnCount = SORTABLE.length + 6 + (extraColumn ? 1 : 0);

  return (
    <div className={styles.wrap}>
      {error ? (
        <FormAlert tone="error">{error.code === "stale_revision" ? t("stale") : errorText(error)}</FormAlert>
      ) : null}
      {editDisabledReason ? <p className={styles.note}>{editDisabledReason}</p> : null}
      <div className={styles.scroller}>
        <form onSubmit={save} noValidate>
          <table className={styles.table} data-testid="shot-list">
            <caption className={styles.caption}>
              {t("caption", { count: plan.result.shots.length, seconds: totalDuration(plan.result.shots) })}
            </caption>
            <thead>
              <tr>
                {SORTABLE.map(({ key, label }) => header(key, t(`columns.${label}`)))}
                <th scope="col">{t("columns.description")}</th>
                <th scope="col">{t("columns.audio")}</th>
                {header("duration_seconds", t("columns.duration"))}
                {header("location", t("columns.location"))}
                <th scope="col">{t("columns.props")}</th>
                {extraColumn ? <th scope="col">{extraColumn.header}</th> : null}
                <th scope="col">
                  <VisuallyHidden>{t("columns.actions")}</VisuallyHidden>
                </th>
              </tr>
            </thead>
            <tbody>
              {shots.map((shot) =>
                editing === shot.number && draft ? (
                  // Its own key: reusing the read-only row's DOM would turn the clicked "edit"
                  // button into the submit button mid-click, and the browser would submit at once.
                  <ShotEditRow
                    key={`editing-${shot.number}`}
                    shot={shot}
                    draft={draft}
                    issues={issues}
                    columns={columnCount}
                    saving={saving}
                    onChange={(field, value) => setDraft((current) => (current ? { ...current, [field]: value } : current))}
                    onCancel={cancel}
                  />
                ) : (
                  <tr key={shot.number} data-testid="shot-row">
                    <td className={styles.num}>{shot.number}</td>
                    <td className={styles.num}>{shot.scene}</td>
                    <td>{sizeLabel(shot.shot_size)}</td>
                    <td>{movementLabel(shot.camera_movement)}</td>
                    <td className={styles.text}>{shot.description}</td>
                    <td className={styles.text}>{shot.audio || <span className={styles.muted}>—</span>}</td>
                    <td className={styles.num}>{t("seconds", { seconds: shot.duration_seconds })}</td>
                    <td>{shot.location || <span className={styles.muted}>—</span>}</td>
                    <td>{shot.props.length ? shot.props.join(", ") : <span className={styles.muted}>—</span>}</td>
                    {extraColumn ? <td>{extraColumn.cell(shot)}</td> : null}
                    <td className={styles.actions}>
                      <Button
                        size="sm"
                        variant="ghost"
                        onClick={() => startEdit(shot)}
                        disabled={Boolean(editDisabledReason) || editing !== null}
                        aria-label={t("editShot", { number: shot.number })}
                      >
                        {t("edit")}
                      </Button>
                    </td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </form>
      </div>
    </div>
  );
}

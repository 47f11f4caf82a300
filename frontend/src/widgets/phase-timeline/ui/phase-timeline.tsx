"use client";

import { useId, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from "react";

import { manageReason, useListPhasesQuery, type Phase, type Project } from "@/entities/project";
import {
  moveInOrder,
  PhaseFormDialog,
  useDeletePhaseMutation,
  useReorderPhasesMutation,
  useUpdatePhaseMutation,
} from "@/features/project/edit-phases";
import { asApiError } from "@/shared/api";
import { useFormatter, useTranslations } from "@/shared/i18n";
import { calendarDay, formatDay } from "@/shared/lib/date";
import { useApiErrorText } from "@/shared/lib/errors";
import { Button, Card, cx, Dialog, EmptyState, FormActions, Skeleton, useToast } from "@/shared/ui";

import {
  addDays,
  applyDrag,
  axisTicks,
  barGeometry,
  dayOffsetPercent,
  labelledTicks,
  namePlacement,
  phaseLength,
  pixelsToDays,
  timelineRange,
  todayIso,
  type DayRange,
  type DragMode,
} from "../model/timeline";
import { textWidth, useTrackMetrics } from "../lib/measure";
import styles from "./phase-timeline.module.css";
import { PhaseRowActions } from "./phase-row-actions";
import { TimelineAxis } from "./timeline-axis";

interface Draft extends DayRange {
  id: string;
}

/** A tick label's left padding and border (`.tick`). */
const TICK_INSET_PX = 6;
/** A bar name's padding (`.barText`), plus the resize handles when editable (`.handle`). */
const BAR_TEXT_INSET_PX = 20;
const HANDLES_PX = 16;

interface DragState {
  id: string;
  mode: DragMode;
  originX: number;
  trackWidth: number;
  origin: DayRange;
  pointerId: number;
}

/**
 * The project's schedule on a date axis. Managers move a bar by dragging it,
 * resize it by its edges, or use the keyboard (arrows, Shift+arrows, Enter);
 * every change also has a form. Saves are optimistic and undone on failure.
 */
export function PhaseTimeline({ project }: { project: Project }) {
  const t = useTranslations("projectPhases");
  const tr = useTranslations("projects.reasons");
  const tc = useTranslations("common");
  const format = useFormatter();
  const errorText = useApiErrorText();
  const toast = useToast();
  const helpId = useId();
  const phases = useListPhasesQuery(project.id);
  const [updatePhase] = useUpdatePhaseMutation();
  const [deletePhase] = useDeletePhaseMutation();
  const [reorderPhases] = useReorderPhasesMutation();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [editing, setEditing] = useState<Phase | "new" | null>(null);
  const [deleting, setDeleting] = useState<Phase | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const drag = useRef<DragState | null>(null);
  const reason = manageReason(project.my_role);
  const editable = !reason;
  const list = useMemo(() => phases.data ?? [], [phases.data]);
  const today = todayIso();
  const range = useMemo(
    () => timelineRange(list, { today, deadline: project.deadline }),
    [list, today, project.deadline],
  );
  const ticks = useMemo(() => axisTicks(range), [range]);
  const [trackRef, track] = useTrackMetrics<HTMLDivElement>();

  const dayLabel = (iso: string) => format.dateTime(new Date(`${iso}T00:00:00`), { month: "short", day: "numeric" });
  const shown = (phase: Phase): DayRange => (draft && draft.id === phase.id ? draft : phase);
  // Labels and names are placed by measured pixels once the track's width is known.
  const measured = track.width > 0;
  const labelled = measured
    ? labelledTicks(ticks, track.width, (tick) => textWidth(dayLabel(tick.iso), `${tick.major ? 500 : 400} 11px ${track.fontFamily}`) + TICK_INSET_PX)
    : null;
  const placeName = (name: string, geometry: { left: number; width: number }) =>
    measured
      ? namePlacement(
          { left: (geometry.left / 100) * track.width, width: (geometry.width / 100) * track.width },
          textWidth(name, `500 12px ${track.fontFamily}`),
          track.width,
          { inset: BAR_TEXT_INSET_PX + (editable ? HANDLES_PX : 0) },
        )
      : "inside";

  const save = async (phase: Phase, next: DayRange) => {
    setDraft(null);
    if (next.start === phase.start && next.end === phase.end) return;
    try {
      // Only the dates: the API refuses undeclared fields (a draft also carries its id).
      await updatePhase({ projectId: project.id, id: phase.id, patch: { start: next.start, end: next.end } }).unwrap();
    } catch (error) {
      toast.show({ tone: "error", message: `${t("saveFailed")} ${errorText(asApiError(error))}` });
    }
  };

  // --- pointer ------------------------------------------------------------------
  const onPointerDown = (event: PointerEvent<HTMLDivElement>, phase: Phase) => {
    if (!editable || event.button !== 0) return;
    const track = event.currentTarget.parentElement;
    if (!track) return;
    const handle = (event.target as HTMLElement).closest<HTMLElement>("[data-mode]");
    const mode = (handle?.dataset.mode as DragMode | undefined) ?? "move";
    drag.current = {
      id: phase.id,
      mode,
      originX: event.clientX,
      trackWidth: track.getBoundingClientRect().width,
      origin: { start: phase.start, end: phase.end },
      pointerId: event.pointerId,
    };
    event.currentTarget.setPointerCapture?.(event.pointerId);
    event.preventDefault();
  };

  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const state = drag.current;
    if (!state || state.pointerId !== event.pointerId) return;
    const delta = pixelsToDays(event.clientX - state.originX, state.trackWidth, range);
    setDraft({ id: state.id, ...applyDrag(state.origin, state.mode, delta) });
  };

  const onPointerUp = (event: PointerEvent<HTMLDivElement>, phase: Phase) => {
    const state = drag.current;
    if (!state || state.pointerId !== event.pointerId) return;
    drag.current = null;
    const delta = pixelsToDays(event.clientX - state.originX, state.trackWidth, range);
    void save(phase, applyDrag(state.origin, state.mode, delta));
  };

  // --- keyboard -----------------------------------------------------------------
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>, phase: Phase) => {
    if (!editable) return;
    const current = shown(phase);
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (step !== 0) {
      event.preventDefault();
      const mode: DragMode = event.shiftKey ? "end" : event.altKey ? "start" : "move";
      const next = applyDrag(current, mode, step);
      setDraft({ id: phase.id, ...next });
      setAnnouncement(t("moved", { name: phase.name, start: dayLabel(next.start), end: dayLabel(next.end) }));
    } else if (event.key === "Enter" && draft?.id === phase.id) {
      event.preventDefault();
      void save(phase, draft);
    } else if (event.key === "Escape" && draft?.id === phase.id) {
      event.preventDefault();
      setDraft(null);
    }
  };

  const onBlur = (phase: Phase) => {
    if (draft?.id === phase.id && !drag.current) void save(phase, draft);
  };

  const move = async (phase: Phase, direction: -1 | 1) => {
    const ids = moveInOrder(
      list.map((item) => item.id),
      phase.id,
      direction,
    );
    if (!ids) return;
    try {
      await reorderPhases({ projectId: project.id, ids }).unwrap();
    } catch (error) {
      toast.show({ tone: "error", message: `${t("saveFailed")} ${errorText(asApiError(error))}` });
    }
  };

  const remove = async (phase: Phase) => {
    setDeleting(null);
    try {
      await deletePhase({ projectId: project.id, id: phase.id }).unwrap();
    } catch (error) {
      toast.show({ tone: "error", message: `${t("saveFailed")} ${errorText(asApiError(error))}` });
    }
  };

  const last = list.at(-1);
  const newDefaults = last
    ? { start: addDays(last.end, 1), end: addDays(last.end, 7) }
    : { start: today, end: addDays(today, 6) };

  let body;
  if (phases.isLoading) {
    body = (
      <div className={styles.loading} role="status" aria-label={tc("loading")}>
        <Skeleton height={28} />
        <Skeleton height={28} />
        <Skeleton height={28} />
      </div>
    );
  } else if (phases.isError) {
    body = (
      <EmptyState
        tone="error"
        compact
        title={t("loadError")}
        action={<Button onClick={() => void phases.refetch()}>{tc("retry")}</Button>}
      />
    );
  } else if (list.length === 0) {
    body = <EmptyState compact title={t("empty")} body={editable ? t("emptyHint") : undefined} />;
  } else {
    const todayLeft = dayOffsetPercent(range, today);
    const deadlineLeft = project.deadline ? dayOffsetPercent(range, project.deadline) : null;
    body = (
      <div className={styles.timeline} data-testid="phase-timeline">
        <TimelineAxis ticks={ticks} labelled={labelled} heading={t("listLabel")} dayLabel={dayLabel} axisRef={trackRef} />
        <ol className={styles.rows} aria-label={t("listLabel")}>
          {list.map((phase, index) => {
            const current = shown(phase);
            const geometry = barGeometry(range, current);
            const dragging = draft?.id === phase.id;
            const placement = placeName(phase.name, geometry);
            return (
              <li key={phase.id} className={styles.row} data-testid="phase-row" data-phase-id={phase.id}>
                <div className={styles.label}>
                  <div className={styles.labelText}>
                    <span className={styles.name} data-testid="phase-name">
                      {phase.name}
                    </span>
                    <span className={styles.dates} data-testid="phase-dates">
                      {dayLabel(current.start)} – {dayLabel(current.end)} · {t("days", { count: phaseLength(current) })}
                    </span>
                  </div>
                  {editable ? (
                    <PhaseRowActions
                      name={phase.name}
                      first={index === 0}
                      last={index === list.length - 1}
                      onMove={(direction) => void move(phase, direction)}
                      onEdit={() => setEditing(phase)}
                      onDelete={() => setDeleting(phase)}
                    />
                  ) : null}
                </div>
                <div className={styles.track}>
                  {ticks.map((tick) => (
                    <span
                      key={tick.iso}
                      className={cx(styles.grid, tick.major && styles.gridMajor)}
                      style={{ left: `${tick.left}%` }}
                      aria-hidden="true"
                    />
                  ))}
                  <span className={styles.today} style={{ left: `${todayLeft}%` }} aria-hidden="true" />
                  {deadlineLeft !== null ? (
                    <span className={styles.deadline} style={{ left: `${deadlineLeft}%` }} aria-hidden="true" />
                  ) : null}
                  <div
                    className={cx(styles.bar, editable && styles.editable, dragging && styles.dragging)}
                    style={{ left: `${geometry.left}%`, width: `${geometry.width}%` }}
                    data-color={index % 5}
                    data-testid="phase-bar"
                    data-name-placement={placement}
                    title={phase.name}
                    role={editable ? "slider" : "img"}
                    tabIndex={editable ? 0 : -1}
                    aria-label={t("barLabel", { name: phase.name, start: dayLabel(current.start), end: dayLabel(current.end) })}
                    aria-valuetext={editable ? `${current.start} – ${current.end}` : undefined}
                    aria-valuenow={editable ? phaseLength(current) : undefined}
                    aria-valuemin={editable ? 1 : undefined}
                    aria-valuemax={editable ? range.days : undefined}
                    aria-describedby={editable ? helpId : undefined}
                    onPointerDown={(event) => onPointerDown(event, phase)}
                    onPointerMove={onPointerMove}
                    onPointerUp={(event) => onPointerUp(event, phase)}
                    onPointerCancel={() => {
                      drag.current = null;
                      setDraft(null);
                    }}
                    onKeyDown={(event) => onKeyDown(event, phase)}
                    onBlur={() => onBlur(phase)}
                  >
                    {editable ? <span className={cx(styles.handle, styles.handleStart)} data-mode="start" aria-hidden="true" /> : null}
                    {placement === "inside" ? <span className={styles.barText}>{phase.name}</span> : <span className={styles.barFill} />}
                    {editable ? <span className={cx(styles.handle, styles.handleEnd)} data-mode="end" aria-hidden="true" /> : null}
                  </div>
                  {placement === "inside" ? null : (
                    // Too narrow for its name: the name sits beside the bar (the bar's label says it too).
                    <span
                      className={cx(styles.outsideName, placement === "before" && styles.nameBefore)}
                      style={
                        placement === "after"
                          ? { left: `calc(${geometry.left + geometry.width}% + 6px)` }
                          : { right: `calc(${100 - geometry.left}% + 6px)` }
                      }
                      aria-hidden="true"
                      data-testid="phase-outside-name"
                    >
                      {phase.name}
                    </span>
                  )}
                </div>
              </li>
            );
          })}
        </ol>
        <div className={styles.legend}>
          <span className={styles.legendItem}>
            <span className={styles.legendToday} aria-hidden="true" />
            {t("today")}
          </span>
          {project.deadline ? (
            <span className={styles.legendItem}>
              <span className={styles.legendDeadline} aria-hidden="true" />
              {t("deadline")} {formatDay(format, project.deadline, calendarDay(today))}
            </span>
          ) : null}
        </div>
      </div>
    );
  }

  return (
    <Card
      flush
      title={t("title")}
      description={editable ? t("subtitle") : tr(reason ?? "needsManager")}
      actions={
        editable ? (
          <Button size="sm" variant="secondary" onClick={() => setEditing("new")} data-testid="add-phase">
            {t("add")}
          </Button>
        ) : null
      }
    >
      <p id={helpId} className={styles.srOnly}>
        {t("barHelp")}
      </p>
      <p className={styles.srOnly} aria-live="polite">
        {announcement}
      </p>
      {body}
      <PhaseFormDialog
        projectId={project.id}
        phase={editing && editing !== "new" ? editing : undefined}
        defaults={newDefaults}
        open={editing !== null}
        onClose={() => setEditing(null)}
      />
      <Dialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        title={deleting ? t("deletePhase", { name: deleting.name }) : ""}
        closeLabel={tc("close")}
        size="sm"
        role="alertdialog"
      >
        <p className={styles.confirmBody}>{deleting ? t("confirmDelete", { name: deleting.name }) : null}</p>
        <FormActions end>
          <Button variant="ghost" onClick={() => setDeleting(null)}>
            {t("cancel")}
          </Button>
          <Button variant="danger" onClick={() => deleting && void remove(deleting)}>
            {t("delete")}
          </Button>
        </FormActions>
      </Dialog>
    </Card>
  );
}

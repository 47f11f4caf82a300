import { CAMERA_MOVEMENTS, SHOT_SIZES, type PlanResult, type Shot } from "@/entities/plan";

export const SORT_KEYS = ["number", "scene", "shot_size", "camera_movement", "duration_seconds", "location"] as const;
export type ShotSortKey = (typeof SORT_KEYS)[number];
export type SortDirection = "ascending" | "descending";
export interface ShotSort {
  key: ShotSortKey;
  direction: SortDirection;
}

const collator = new Intl.Collator(["ko", "en"], { numeric: true, sensitivity: "base" });

/** Shots in display order; ties keep shot-number order so the table never jumps. */
export function sortShots(shots: readonly Shot[], sort: ShotSort): Shot[] {
  const sign = sort.direction === "ascending" ? 1 : -1;
  return [...shots].sort((a, b) => {
    const left = a[sort.key];
    const right = b[sort.key];
    let order: number;
    if (sort.key === "shot_size") order = SHOT_SIZES.indexOf(a.shot_size) - SHOT_SIZES.indexOf(b.shot_size);
    else if (sort.key === "camera_movement")
      order = CAMERA_MOVEMENTS.indexOf(a.camera_movement) - CAMERA_MOVEMENTS.indexOf(b.camera_movement);
    else if (typeof left === "number" && typeof right === "number") order = left - right;
    else order = collator.compare(String(left), String(right));
    return order === 0 ? a.number - b.number : sign * order;
  });
}

/** Clicking a header: a new column sorts ascending, the same one flips. */
export function nextSort(current: ShotSort, key: ShotSortKey): ShotSort {
  if (current.key !== key) return { key, direction: "ascending" };
  return { key, direction: current.direction === "ascending" ? "descending" : "ascending" };
}

/** A row being edited: strings, as the inputs hold them. */
export interface ShotDraft {
  shot_size: string;
  camera_movement: string;
  description: string;
  audio: string;
  duration_seconds: string;
  location: string;
  props: string;
}

export type ShotDraftIssue = "descriptionRequired" | "descriptionTooLong" | "durationInvalid" | "tooLong";
export type ShotDraftIssues = Partial<Record<keyof ShotDraft, ShotDraftIssue>>;

export function draftOf(shot: Shot): ShotDraft {
  return {
    shot_size: shot.shot_size,
    camera_movement: shot.camera_movement,
    description: shot.description,
    audio: shot.audio,
    duration_seconds: String(shot.duration_seconds),
    location: shot.location,
    props: shot.props.join(", "),
  };
}

/** The schema's rules (planning.SHOT) checked before the round trip. */
export function validateDraft(draft: ShotDraft): ShotDraftIssues {
  const issues: ShotDraftIssues = {};
  const description = draft.description.trim();
  if (!description) issues.description = "descriptionRequired";
  else if (description.length > 2000) issues.description = "descriptionTooLong";
  const duration = Number(draft.duration_seconds.replace(",", "."));
  if (!draft.duration_seconds.trim() || !Number.isFinite(duration) || duration <= 0 || duration > 3 * 3600) {
    issues.duration_seconds = "durationInvalid";
  }
  if (draft.audio.length > 2000) issues.audio = "tooLong";
  if (draft.location.length > 300) issues.location = "tooLong";
  if (splitProps(draft.props).some((prop) => prop.length > 200)) issues.props = "tooLong";
  return issues;
}

function splitProps(value: string): string[] {
  return value
    .split(",")
    .map((prop) => prop.trim())
    .filter(Boolean);
}

function isShotSize(value: string): value is Shot["shot_size"] {
  return (SHOT_SIZES as readonly string[]).includes(value);
}

function isMovement(value: string): value is Shot["camera_movement"] {
  return (CAMERA_MOVEMENTS as readonly string[]).includes(value);
}

/** The whole plan with one shot replaced by the draft (the PATCH body's `result`). */
export function applyDraft(result: PlanResult, shotNumber: number, draft: ShotDraft): PlanResult {
  return {
    ...result,
    shots: result.shots.map((shot) =>
      shot.number !== shotNumber
        ? shot
        : {
            ...shot,
            shot_size: isShotSize(draft.shot_size) ? draft.shot_size : shot.shot_size,
            camera_movement: isMovement(draft.camera_movement) ? draft.camera_movement : shot.camera_movement,
            description: draft.description.trim(),
            audio: draft.audio.trim(),
            duration_seconds: Number(draft.duration_seconds.replace(",", ".")),
            location: draft.location.trim(),
            props: splitProps(draft.props),
          },
    ),
  };
}

export function totalDuration(shots: readonly Shot[]): number {
  return Math.round(shots.reduce((sum, shot) => sum + shot.duration_seconds, 0) * 10) / 10;
}

/** Shapes of apps/ai_planning (BriefOut, PlanOut, PlanRevisionOut and planning.PLAN_SCHEMA). */

import {
  CAMERA_MOVEMENTS,
  localeEnumValues,
  planStatusEnumValues,
  sectionEnumValues,
  SHOT_SIZES,
  sourceEnumValues,
  type Page,
  type Refine,
  type Schemas,
} from "@/shared/api";

/** A person as the API shows them (`UserBriefOut`). */
export type PersonBrief = Schemas["UserBriefOut"];

export const BRIEF_LANGUAGES = localeEnumValues;
export type BriefLanguage = (typeof BRIEF_LANGUAGES)[number];

export type Brief = Schemas["BriefOut"];

export type BriefInput = Pick<
  Brief,
  "title" | "description" | "video_type" | "target_duration_seconds" | "audience" | "tone" | "platform" | "language"
>;

export const PLAN_STATUSES = planStatusEnumValues;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** Generation steps in order (planning.STEPS), then image search and the end. */
export const PLAN_STEPS = sectionEnumValues;
export type PlanSection = (typeof PLAN_STEPS)[number];
export const PROGRESS_STEPS = [...PLAN_STEPS, "images", "done"] as const;
export type ProgressStep = (typeof PROGRESS_STEPS)[number];

export { SHOT_SIZES };
export type ShotSize = (typeof SHOT_SIZES)[number];

export { CAMERA_MOVEMENTS };
export type CameraMovement = (typeof CAMERA_MOVEMENTS)[number];

export interface PlanSectionItem {
  title: string;
  purpose: string;
  duration_seconds: number;
}

export interface Scene {
  number: number;
  section: string;
  heading: string;
  location: string;
  time_of_day: string;
  description: string;
  duration_seconds: number;
}

export interface Shot {
  number: number;
  scene: number;
  shot_size: ShotSize;
  camera_movement: CameraMovement;
  description: string;
  audio: string;
  duration_seconds: number;
  location: string;
  props: string[];
}

export interface ReferenceImage {
  url: string;
  thumbnail_url: string;
  source_url: string;
  author: string;
  author_url: string;
  license: string;
  provider: string;
}

export interface StoryboardFrame {
  shot: number;
  description: string;
  image_query: string;
  images: ReferenceImage[];
}

export interface ScheduleItem {
  phase: string;
  start: string;
  end: string;
  tasks: string[];
}

export interface ImagesStatus {
  provider: string | null;
  status: string;
  error?: string;
}

export interface PlanResult {
  logline: string;
  synopsis: string;
  sections: PlanSectionItem[];
  scenes: Scene[];
  shots: Shot[];
  storyboard: StoryboardFrame[];
  schedule: ScheduleItem[];
  images_status?: ImagesStatus;
}

export type PlanSummary = Schemas["PlanSummaryOut"];

/** `result` is `{}` until the first generation finished (the API types it as a bare object). */
export type Plan = Refine<Schemas["PlanOut"], { result: PlanResult | Record<string, never> }>;

export const REVISION_SOURCES = sourceEnumValues;
export type RevisionSource = (typeof REVISION_SOURCES)[number];

export type PlanRevision = Schemas["PlanRevisionOut"];

export type PagedList<T> = Page<T>;

export function hasResult(plan: Pick<Plan, "result">): plan is Plan & { result: PlanResult } {
  return Array.isArray((plan.result as Partial<PlanResult>).shots);
}

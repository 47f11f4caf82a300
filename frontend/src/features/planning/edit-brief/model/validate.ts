import type { Brief, BriefInput, BriefLanguage } from "@/entities/plan";

/** Limits of apps/ai_planning BriefIn; the server stays the judge. */
export const BRIEF_LIMITS = {
  title: 200,
  description: 5000,
  video_type: 100,
  audience: 300,
  tone: 200,
  platform: 100,
} as const;
export const DURATION_MIN_SECONDS = 5;
export const DURATION_MAX_SECONDS = 3 * 3600;

export const BRIEF_FIELDS = [
  "title",
  "description",
  "video_type",
  "target_duration_seconds",
  "audience",
  "tone",
  "platform",
  "language",
] as const;
export type BriefField = (typeof BRIEF_FIELDS)[number];

export type BriefValues = Record<BriefField, string>;

export type BriefIssue =
  | { key: "required" }
  | { key: "maxLength"; values: { max: number } }
  | { key: "wholeSeconds" }
  | { key: "durationRange"; values: { min: number; max: number } }
  | { key: "language" };

export type BriefIssues = Partial<Record<BriefField, BriefIssue>>;

const REQUIRED: readonly BriefField[] = ["title", "description", "video_type"];

export function emptyBriefValues(language: BriefLanguage = "ko"): BriefValues {
  return {
    title: "",
    description: "",
    video_type: "",
    target_duration_seconds: "60",
    audience: "",
    tone: "",
    platform: "",
    language,
  };
}

export function briefToValues(brief: Brief): BriefValues {
  return {
    title: brief.title,
    description: brief.description,
    video_type: brief.video_type,
    target_duration_seconds: String(brief.target_duration_seconds),
    audience: brief.audience,
    tone: brief.tone,
    platform: brief.platform,
    language: brief.language,
  };
}

export function validateBrief(values: BriefValues): BriefIssues {
  const issues: BriefIssues = {};
  for (const field of REQUIRED) {
    if (values[field].trim() === "") issues[field] = { key: "required" };
  }
  for (const [field, max] of Object.entries(BRIEF_LIMITS) as Array<[keyof typeof BRIEF_LIMITS, number]>) {
    if (!issues[field] && values[field].trim().length > max) issues[field] = { key: "maxLength", values: { max } };
  }
  const duration = values.target_duration_seconds.trim();
  if (duration === "") {
    issues.target_duration_seconds = { key: "required" };
  } else if (!/^\d+$/.test(duration)) {
    issues.target_duration_seconds = { key: "wholeSeconds" };
  } else {
    const seconds = Number(duration);
    if (seconds < DURATION_MIN_SECONDS || seconds > DURATION_MAX_SECONDS) {
      issues.target_duration_seconds = {
        key: "durationRange",
        values: { min: DURATION_MIN_SECONDS, max: DURATION_MAX_SECONDS },
      };
    }
  }
  if (values.language !== "ko" && values.language !== "en") issues.language = { key: "language" };
  return issues;
}

/** The request body (call only after {@link validateBrief} found nothing). */
export function valuesToInput(values: BriefValues): BriefInput {
  return {
    title: values.title.trim(),
    description: values.description.trim(),
    video_type: values.video_type.trim(),
    target_duration_seconds: Number(values.target_duration_seconds.trim()),
    audience: values.audience.trim(),
    tone: values.tone.trim(),
    platform: values.platform.trim(),
    language: values.language === "en" ? "en" : "ko",
  };
}

/** `95` → `1:35`, for the hint under the duration field. */
export function formatDuration(seconds: number): string {
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  const pad = (value: number) => String(value).padStart(2, "0");
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(rest)}` : `${minutes}:${pad(rest)}`;
}

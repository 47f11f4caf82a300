import { checkMaxLength, checkRequired, type FieldIssues } from "@/shared/lib/validation";

export const PHASE_NAME_MAX = 120;

export interface PhaseFormValues extends Record<string, string> {
  name: string;
  start: string;
  end: string;
}

/** Mirrors the server's PhaseIn: a name, both dates, end ≥ start (ISO dates compare as strings). */
export function validatePhase(values: PhaseFormValues): FieldIssues<"name" | "start" | "end"> {
  return {
    name: checkRequired(values.name) ?? checkMaxLength(values.name.trim(), PHASE_NAME_MAX) ?? undefined,
    start: checkRequired(values.start) ?? undefined,
    end: checkRequired(values.end) ?? undefined,
  };
}

export function endBeforeStart(values: Pick<PhaseFormValues, "start" | "end">): boolean {
  return Boolean(values.start && values.end && values.end < values.start);
}

/** Move `id` one place up (-1) or down (+1); the new order of ids, or null at an edge. */
export function moveInOrder(ids: readonly string[], id: string, direction: -1 | 1): string[] | null {
  const index = ids.indexOf(id);
  const target = index + direction;
  if (index < 0 || target < 0 || target >= ids.length) return null;
  const next = [...ids];
  [next[index], next[target]] = [next[target] as string, next[index] as string];
  return next;
}

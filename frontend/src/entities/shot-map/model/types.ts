import type { Schemas } from "@/shared/api";

/** A version's shot map (`ShotMapOut`): where each shot of the linked plan lies in the cut. */
export type ShotMap = Schemas["ShotMapOut"];
/** One shot on the map; `end_frame` is exclusive. */
export type MappedShot = Schemas["MappedShotOut"];
export type ShotMapSource = Schemas["ShotMapSourceEnum"];
/** What `PUT versions/{id}/shot-map/` takes per shot. */
export type ShotRange = Schemas["ShotRangeInRequest"];
/** Per shot of a plan, on one linked asset's latest version: its open and resolved comments. */
export type ShotFeedback = Schemas["ShotFeedbackOut"];
/** What a comment knows of its shot. */
export type ShotRef = Schemas["ShotRefOut"];

export function isShotMap(value: unknown): value is ShotMap {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as ShotMap).version_id === "string" &&
    Array.isArray((value as ShotMap).shots)
  );
}

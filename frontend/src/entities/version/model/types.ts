import type { Schemas } from "@/shared/api";
import { apiBaseUrl } from "@/shared/config";

/** A person as the API shows them (`UserBriefOut`). */
export type VersionUser = Schemas["UserBriefOut"];

export type VersionStatus = Schemas["VersionStatusEnum"];
export type ReviewStatus = Schemas["VersionReviewStatusEnum"];

export type Decision = Schemas["ReviewDecisionEnum"];

export type ReviewDecision = Schemas["DecisionOut"];

/** `GET versions/{id}/` */
export type Version = Schemas["VersionOut"];

/** Media URLs are signed and expire (S3 presigned, or `/media/…?expires=…&signature=…`).
 * WebSocket payloads carry them relative to the API; REST answers absolute URLs. */
export function absoluteMediaUrl(url: string | null): string | null {
  if (!url) return null;
  return url.startsWith("/") ? `${apiBaseUrl()}${url}` : url;
}

export function withAbsoluteUrls(version: Version): Version {
  return { ...version, file_url: absoluteMediaUrl(version.file_url), poster_url: absoluteMediaUrl(version.poster_url) };
}

function sameFile(current: string | null, incoming: string | null): boolean {
  return current !== null && incoming !== null && current.split("?")[0] === incoming.split("?")[0];
}

/**
 * A fresh copy of a version (an event, a mutation's answer) keeps the media URLs the page
 * already uses when they name the same file: a re-signed URL differs only in its query, and
 * a new `src` would reload the playing video. A refetch (after a playback error) replaces them.
 */
export function keepMediaUrls(current: Version, incoming: Version): Version {
  return {
    ...incoming,
    file_url: sameFile(current.file_url, incoming.file_url) ? current.file_url : incoming.file_url,
    poster_url: sameFile(current.poster_url, incoming.poster_url) ? current.poster_url : incoming.poster_url,
  };
}

export function isVersion(value: unknown): value is Version {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as Version).id === "string" &&
    typeof (value as Version).number === "number" &&
    typeof (value as Version).status === "string"
  );
}

/** Frames per second to compute with (25 until the probe has run). */
export function versionFps(version: Pick<Version, "fps"> | null | undefined): number {
  return version?.fps && version.fps > 0 ? version.fps : 25;
}

/** A viewer in the live review room, with where their playhead is. */
export interface RoomViewer {
  id: string;
  display_name: string;
  playhead: number | null;
  playing: boolean | null;
}

/** Shared by both upload paths; kept apart so the page need not load them to tell the errors apart. */
export class PartError extends Error {
  constructor(
    public readonly status: number,
    message = `part upload failed (${status})`,
  ) {
    super(message);
  }
}

export class UploadAborted extends Error {
  constructor() {
    super("aborted");
  }
}

/** Refused in the browser: the file's first bytes match no video container. */
export class NotAVideoFile extends Error {
  readonly code = "not_a_video";

  constructor() {
    super("not a video");
  }
}

/**
 * Answers that sending the same file again cannot change: what the file is (not a video, a
 * type or size the server refuses, a malformed request) or who sends it (no right, not found).
 * Network trouble, 5xx, throttling and expired part URLs are worth another try.
 */
const PERMANENT_CODES = new Set([
  "not_a_video",
  "unsupported_media_type",
  "payload_too_large",
  "validation_error",
  "permission_denied",
  "not_found",
  "upload_not_yours",
]);

export function isPermanent(error: unknown): boolean {
  const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === "string" && PERMANENT_CODES.has(code);
}

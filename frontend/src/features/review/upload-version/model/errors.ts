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

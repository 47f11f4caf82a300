import { describe, expect, it } from "vitest";

import { isPermanent, NotAVideoFile, PartError, UploadAborted } from "./errors";

const api = (status: number, code: string) => ({ status, code, message: "", details: {}, requestId: null });

describe("isPermanent", () => {
  it.each([
    ["a file the browser found is not a video", new NotAVideoFile()],
    ["the server's not_a_video", api(415, "not_a_video")],
    ["a refused type", api(415, "unsupported_media_type")],
    ["a file over the limit", api(413, "payload_too_large")],
    ["a malformed start", api(400, "validation_error")],
    ["no right to upload", api(403, "permission_denied")],
    ["someone else's upload", api(403, "upload_not_yours")],
    ["an asset that is gone", api(404, "not_found")],
  ])("%s: no retry can fix it", (_why, error) => {
    expect(isPermanent(error)).toBe(true);
  });

  it.each([
    ["no network", api(0, "network_error")],
    ["a server error", api(500, "server_error")],
    ["storage briefly down", api(503, "storage_unavailable")],
    ["throttled", api(429, "throttled")],
    ["an upload storage forgot (start a new one)", api(409, "upload_gone")],
    ["a part refused by storage", new PartError(500)],
    ["an expired part URL", new PartError(403)],
    ["a pause", new UploadAborted()],
  ])("%s: worth another try", (_why, error) => {
    expect(isPermanent(error)).toBe(false);
  });
});

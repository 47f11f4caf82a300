import { closeSync, copyFileSync, openSync, statSync, writeSync } from "node:fs";

import type { Request } from "@playwright/test";

import { makeTestClip } from "./review";

const MIB = 1024 * 1024;

/**
 * A real clip grown to `megabytes` with a trailing MP4 `free` box (players and ffprobe skip
 * it): a valid video large enough for the multipart path (over the 100 MB small-file limit).
 */
export function makeLargeVideo(name: string, megabytes: number): string {
  const clip = makeTestClip(`small-${name}`);
  const out = clip.replace(/small-[^/]*$/, name);
  copyFileSync(clip, out);
  const fd = openSync(out, "a");
  try {
    const { size } = statSync(out);
    const padding = megabytes * MIB - size;
    const header = Buffer.alloc(8);
    header.writeUInt32BE(padding, 0);
    header.write("free", 4, "ascii");
    writeSync(fd, header);
    const zeros = Buffer.alloc(MIB);
    for (let left = padding - 8; left > 0; left -= zeros.length) writeSync(fd, zeros, 0, Math.min(left, zeros.length));
  } finally {
    closeSync(fd);
  }
  return out;
}

/** The part number of a part PUT (presigned part URL: `uploads/{id}/parts/{n}/?expires=…`), else null. */
export function partNumber(request: Request): number | null {
  if (request.method() !== "PUT") return null;
  const match = /\/uploads\/[^/]+\/parts\/(\d+)\/\?/.exec(request.url());
  return match ? Number(match[1]) : null;
}

import { describe, expect, it } from "vitest";

import { HEAD_BYTES, looksLikeVideo, readHead, toBase64 } from "./sniff";

const bytes = (...parts: Array<string | number[]>) =>
  new Uint8Array(parts.flatMap((part) => (typeof part === "string" ? [...part].map((c) => c.charCodeAt(0)) : part)));
const padded = (head: Uint8Array, size = 64) => {
  const out = new Uint8Array(Math.max(size, head.length));
  out.set(head);
  return out;
};

describe("looksLikeVideo", () => {
  it.each([
    ["MP4", bytes([0, 0, 0, 0x20], "ftypisom")],
    ["QuickTime MOV", bytes([0, 0, 0, 0x14], "ftypqt  ")],
    ["MOV starting with its movie box", bytes([0, 0, 0x10, 0], "moov")],
    ["MOV starting with a wide atom", bytes([0, 0, 0, 8], "wide")],
    ["WebM / Matroska", bytes([0x1a, 0x45, 0xdf, 0xa3])],
    ["AVI", bytes("RIFF", [0, 0, 0, 0], "AVI ")],
    ["MPEG program stream", bytes([0, 0, 1, 0xba])],
    ["Ogg", bytes("OggS")],
    ["FLV", bytes("FLV", [1])],
    ["MXF", bytes([0x06, 0x0e, 0x2b, 0x34])],
    ["WMV", bytes([0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11])],
  ])("accepts %s", (_name, head) => {
    expect(looksLikeVideo(padded(head))).toBe(true);
  });

  it("accepts an MPEG transport stream by its sync bytes 188 apart", () => {
    const ts = new Uint8Array(400);
    ts[0] = 0x47;
    ts[188] = 0x47;
    expect(looksLikeVideo(ts)).toBe(true);
    expect(looksLikeVideo(ts.subarray(0, 100))).toBe(false);
  });

  it.each([
    ["PDF", bytes("%PDF-1.7\n")],
    ["PNG", bytes([0x89], "PNG\r\n", [0x1a, 0x0a])],
    ["JPEG", bytes([0xff, 0xd8, 0xff, 0xe0])],
    ["ZIP", bytes("PK", [3, 4])],
    ["WAV (RIFF but not AVI)", bytes("RIFF", [0, 0, 0, 0], "WAVE")],
    ["plain text", bytes("just some notes about the cut\n")],
    ["an empty file", new Uint8Array()],
  ])("refuses %s", (_name, head) => {
    expect(looksLikeVideo(head.length ? padded(head) : head)).toBe(false);
  });

  it("needs the whole box header: a truncated MP4 start is not enough", () => {
    expect(looksLikeVideo(bytes([0, 0, 0, 0x20], "fty"))).toBe(false);
  });
});

describe("readHead and toBase64", () => {
  it("reads at most the first HEAD_BYTES bytes, or the whole of a smaller file", async () => {
    const big = new Blob([new Uint8Array(HEAD_BYTES * 3).fill(1)]);
    expect((await readHead(big)).length).toBe(HEAD_BYTES);
    expect((await readHead(new Blob([bytes("tiny")]))).length).toBe(4);
  });

  it("encodes bytes as standard base64 (what the server decodes)", () => {
    expect(toBase64(bytes([0, 0, 0, 0x20], "ftyp", [0xff, 0xfe]))).toBe("AAAAIGZ0eXD//g==");
  });
});

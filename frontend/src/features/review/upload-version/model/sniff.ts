/**
 * A file's first bytes tell whether it can be a video at all, before a byte is uploaded.
 * The same container signatures as the server's `storage.looks_like_video` (which checks the
 * sample again at upload start and the stored file at completion); ffmpeg decides the rest.
 */

/** How many leading bytes are checked here and sent with the upload start (the server's SNIFF_BYTES). */
export const HEAD_BYTES = 512;

const ISO_BOXES = ["ftyp", "moov", "mdat", "wide", "free", "skip", "pnot"];
const PREFIXES: number[][] = [
  [0x1a, 0x45, 0xdf, 0xa3], // Matroska, WebM
  [0x00, 0x00, 0x01, 0xba], // MPEG program stream
  [0x00, 0x00, 0x01, 0xb3], // MPEG video elementary stream
  [0x4f, 0x67, 0x67, 0x53], // Ogg
  [0x46, 0x4c, 0x56, 0x01], // FLV
  [0x06, 0x0e, 0x2b, 0x34], // MXF
  [0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11], // ASF / WMV
];

function ascii(head: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...head.subarray(from, to));
}

function startsWith(head: Uint8Array, prefix: number[]): boolean {
  return head.length >= prefix.length && prefix.every((byte, index) => head[index] === byte);
}

export function looksLikeVideo(head: Uint8Array): boolean {
  if (head.length >= 12 && ISO_BOXES.includes(ascii(head, 4, 8))) return true; // MP4, MOV, M4V, 3GP
  if (ascii(head, 0, 4) === "RIFF" && ["AVI ", "AVIX"].includes(ascii(head, 8, 12))) return true;
  if (head.length >= 189 && head[0] === 0x47 && head[188] === 0x47) return true; // MPEG transport stream
  return PREFIXES.some((prefix) => startsWith(head, prefix));
}

/** The file's first {@link HEAD_BYTES} bytes (all of it when smaller). */
export function readHead(file: Blob): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error("could not read the file"));
    reader.readAsArrayBuffer(file.slice(0, HEAD_BYTES));
  });
}

export function toBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

import { MAX_FRAME_BYTES, type WsServerMessage } from "./types";

/** A server message, or null for anything that is not one of ours (not text, not JSON, no type). */
export function parseServerMessage(raw: unknown): WsServerMessage | null {
  if (typeof raw !== "string") return null;
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value === "object" && value !== null && typeof (value as WsServerMessage).type === "string") {
      return value as WsServerMessage;
    }
  } catch {
    // Not JSON: not ours.
  }
  return null;
}

/**
 * The frame for a client message, or null when it is over the server's frame limit
 * (the server would close the socket with 4009 for it).
 */
export function encodeFrame(message: Record<string, unknown>): string | null {
  const frame = JSON.stringify(message);
  if (new TextEncoder().encode(frame).length > MAX_FRAME_BYTES) {
    if (process.env.NODE_ENV !== "production") {
      console.warn("[ws] not sent: over the server's frame limit", message.type);
    }
    return null;
  }
  return frame;
}

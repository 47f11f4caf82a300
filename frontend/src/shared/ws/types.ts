export type WsStatus = "idle" | "connecting" | "open" | "reconnecting" | "closed";

/** Any message the server sends. Durable events carry `seq`; ephemeral ones do not. */
export interface WsServerMessage {
  type: string;
  seq?: number;
  ts?: string;
  data?: unknown;
  stream?: string;
  presence?: unknown[];
  /** `hello` only: ms since the stream's latest event, null when it has none. */
  quiet_ms?: number | null;
  code?: string;
}

/** A server event with a known stream, as handed to the store. */
export interface WsEvent<TData = unknown> {
  stream: string | null;
  type: string;
  seq: number | null;
  ts: string | null;
  data: TData;
}

/** The subset of the browser WebSocket the manager uses (a fake one in tests). */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
}

export type WebSocketFactory = (url: string) => WebSocketLike;

/** Close codes of our protocol (README "Realtime"). */
export const CLOSE_UNAUTHENTICATED = 4401;
export const CLOSE_FORBIDDEN = 4403;
export const CLOSE_UNKNOWN_TARGET = 4404;
/** We sent a frame over MAX_FRAME_BYTES. */
export const CLOSE_TOO_BIG = 4009;
/** We sent more than ~20 messages a second. */
export const CLOSE_FLOODING = 4408;
/** A server dependency (Redis) is down: reconnect with backoff. */
export const CLOSE_UNAVAILABLE = 4011;
/** The largest frame the server accepts (bytes of UTF-8). */
export const MAX_FRAME_BYTES = 64 * 1024;
/** A web node is shutting down (rolling restart): reconnect at once, another node takes over. */
export const CLOSE_SERVICE_RESTART = 1012;
/** Used by the client itself when the server went silent. */
export const CLOSE_STALE = 4000;

import type { WebSocketFactory, WebSocketLike, WsEvent, WsServerMessage, WsStatus } from "./types";

export interface WsManagerOptions {
  /** Endpoint path, e.g. `/ws/notifications/`. */
  path: string;
  /** `ws(s)://host:port` of the API. */
  baseUrl: () => string;
  /** A fresh single-use ticket for every connection attempt. */
  getTicket: () => Promise<string>;
  /** Every event that is not protocol chatter, deduplicated by `seq`. */
  onEvent: (event: WsEvent) => void;
  /** The server could not replay what was missed: refetch everything of the stream. */
  onResync: (stream: string | null) => void;
  /**
   * First `hello` of a stream: REST data loaded before it may lack events published
   * between that read and the subscription, so refetch it once (events after `hello`
   * arrive live).
   */
  onFirstContact?: (stream: string, hello: WsServerMessage) => void;
  onStatusChange?: (status: WsStatus) => void;
  /** Every `hello` (first connect and each reconnect), e.g. for its `presence` list. */
  onHello?: (message: WsServerMessage) => void;
  /** The server refused the stream for good (4403 forbidden, 4404 unknown). */
  onClosed?: (code: number) => void;
  createSocket?: WebSocketFactory;
  /** [0, 1) — injectable so tests can pin the jitter. */
  random?: () => number;
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** After 1012 (node restarting) reconnect within [0, this): spreads a node's clients. */
  restartJitterMs?: number;
  pingIntervalMs?: number;
  /** Close and reconnect when nothing arrived for this long (pongs count). */
  staleAfterMs?: number;
  /** Window-like target for `online` events; `null` to disable. */
  eventTarget?: Pick<EventTarget, "addEventListener" | "removeEventListener"> | null;
}

type Optional = "onStatusChange" | "onHello" | "onClosed" | "onFirstContact" | "eventTarget";

/** The options with every default filled in. */
export type ResolvedWsOptions = Required<Omit<WsManagerOptions, Optional>> & Pick<WsManagerOptions, Optional>;

function defaultCreateSocket(url: string): WebSocketLike {
  return new WebSocket(url);
}

export function resolveWsOptions(options: WsManagerOptions): ResolvedWsOptions {
  // `??` per field: an explicit `undefined` must not wipe out a default.
  return {
    path: options.path,
    baseUrl: options.baseUrl,
    getTicket: options.getTicket,
    onEvent: options.onEvent,
    onResync: options.onResync,
    onStatusChange: options.onStatusChange,
    onHello: options.onHello,
    onFirstContact: options.onFirstContact,
    onClosed: options.onClosed,
    createSocket: options.createSocket ?? defaultCreateSocket,
    random: options.random ?? Math.random,
    initialDelayMs: options.initialDelayMs ?? 1_000,
    maxDelayMs: options.maxDelayMs ?? 30_000,
    restartJitterMs: options.restartJitterMs ?? 500,
    pingIntervalMs: options.pingIntervalMs ?? 25_000,
    staleAfterMs: options.staleAfterMs ?? 70_000,
    eventTarget: options.eventTarget === undefined ? (typeof window === "undefined" ? null : window) : options.eventTarget,
  };
}

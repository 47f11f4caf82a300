import {
  CLOSE_FLOODING,
  CLOSE_FORBIDDEN,
  CLOSE_SERVICE_RESTART,
  CLOSE_STALE,
  CLOSE_TOO_BIG,
  CLOSE_UNAUTHENTICATED,
  CLOSE_UNKNOWN_TARGET,
  MAX_FRAME_BYTES,
  type WebSocketFactory,
  type WebSocketLike,
  type WsEvent,
  type WsServerMessage,
  type WsStatus,
} from "./types";

const OPEN = 1;
const SEEN_WINDOW = 512;
/** Closes for what this client sent: retrying at once could only repeat it. */
const CLOSES_FOR_OUR_FRAMES = new Set([CLOSE_TOO_BIG, CLOSE_FLOODING]);

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
  onFirstContact?: (stream: string) => void;
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

function defaultCreateSocket(url: string): WebSocketLike {
  return new WebSocket(url);
}

function parse(raw: unknown): WsServerMessage | null {
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
 * One realtime connection with the whole protocol: ticket auth, reconnect with
 * exponential backoff and jitter, resuming from the last seen `seq` (`?after=` on
 * reconnect; a `resume` message for a gap), `resync` handling, keep-alive pings and
 * duplicate suppression.
 */
export class WsManager {
  private readonly options: Required<
    Omit<WsManagerOptions, "onStatusChange" | "onHello" | "onClosed" | "onFirstContact" | "eventTarget">
  > &
    Pick<WsManagerOptions, "onStatusChange" | "onHello" | "onClosed" | "onFirstContact" | "eventTarget">;
  private socket: WebSocketLike | null = null;
  private status: WsStatus = "idle";
  private running = false;
  private attempt = 0;
  /** Closes for what we sent (4009, 4408) since start(); a hello does not reset them. */
  private violations = 0;
  private generation = 0;
  private stream: string | null = null;
  private readonly lastSeq = new Map<string, number>();
  private readonly seen = new Map<string, Set<number>>();
  /** Open gaps per stream we asked the server to replay: (from, to) exclusive. */
  private readonly gaps = new Map<string, { from: number; to: number }>();
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private lastMessageAt = 0;

  constructor(options: WsManagerOptions) {
    // `??` per field: an explicit `undefined` must not wipe out a default.
    this.options = {
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

  getStatus(): WsStatus {
    return this.status;
  }

  /** Last `seq` seen on a stream (for tests and diagnostics). */
  getLastSeq(stream: string): number | undefined {
    return this.lastSeq.get(stream);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.attempt = 0;
    this.violations = 0;
    this.options.eventTarget?.addEventListener("online", this.handleOnline);
    void this.connect();
  }

  stop(): void {
    this.running = false;
    this.generation += 1;
    this.options.eventTarget?.removeEventListener("online", this.handleOnline);
    this.clearReconnect();
    this.stopPing();
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.onclose = null;
      socket.onmessage = null;
      socket.onerror = null;
      socket.onopen = null;
      socket.close(1000, "client stop");
    }
    this.setStatus("idle");
  }

  /** Skip the remaining backoff (e.g. the browser came back online). */
  reconnectNow(): void {
    if (!this.running || this.socket) return;
    this.clearReconnect();
    void this.connect();
  }

  /** Delay before reconnect attempt `attempt` (0-based): "equal jitter" backoff. */
  backoffDelay(attempt: number): number {
    const { initialDelayMs, maxDelayMs, random } = this.options;
    const ceiling = Math.min(maxDelayMs, initialDelayMs * 2 ** attempt);
    return Math.round(ceiling / 2 + random() * (ceiling / 2));
  }

  /**
   * Send a client message (e.g. `presence.update`, `typing`) when the socket is
   * open; returns false otherwise, and for a message over the server's frame limit
   * (it would close the socket with 4009). Ephemeral by nature: nothing is queued.
   */
  sendMessage(message: { type: string } & Record<string, unknown>): boolean {
    if (!this.socket || this.socket.readyState !== OPEN) return false;
    return this.send(message);
  }

  private readonly handleOnline = () => {
    this.reconnectNow();
  };

  private setStatus(status: WsStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.options.onStatusChange?.(status);
  }

  private async connect(): Promise<void> {
    const generation = ++this.generation;
    this.setStatus(this.attempt === 0 ? "connecting" : "reconnecting");

    let ticket: string;
    try {
      ticket = await this.options.getTicket();
    } catch {
      if (generation === this.generation && this.running) this.scheduleReconnect();
      return;
    }
    if (generation !== this.generation || !this.running) return;

    // Resuming as part of connecting: the server replays right after hello, before any live
    // event, so nothing arrives twice (a `resume` sent after hello races live events).
    const after = this.stream === null ? undefined : this.lastSeq.get(this.stream);
    const query = `?ticket=${encodeURIComponent(ticket)}${after === undefined ? "" : `&after=${after}`}`;
    const url = `${this.options.baseUrl()}${this.options.path}${query}`;
    let socket: WebSocketLike;
    try {
      socket = this.options.createSocket(url);
    } catch {
      // e.g. a malformed URL or a blocked scheme: keep trying, with backoff.
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;

    socket.onopen = () => {
      this.lastMessageAt = Date.now();
      this.startPing();
    };
    socket.onmessage = (event: MessageEvent) => {
      this.lastMessageAt = Date.now();
      this.handleMessage(event.data);
    };
    socket.onerror = () => {
      // A close event always follows; reconnecting happens there.
    };
    socket.onclose = (event: CloseEvent) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.stopPing();
      this.handleClose(event.code);
    };
  }

  private handleClose(code: number): void {
    if (!this.running) return;
    if (code === CLOSE_FORBIDDEN || code === CLOSE_UNKNOWN_TARGET) {
      // Retrying cannot help: the server said we may not have this stream.
      this.running = false;
      this.options.eventTarget?.removeEventListener("online", this.handleOnline);
      this.setStatus("closed");
      this.options.onClosed?.(code);
      return;
    }
    if (code === CLOSE_SERVICE_RESTART) {
      // The node is draining (rolling restart): the balancer sends us to another one now,
      // and `?after=<last seq>` resumes the stream there. No backoff: nothing is wrong.
      this.scheduleReconnect(this.options.random() * this.options.restartJitterMs);
      return;
    }
    if (CLOSES_FOR_OUR_FRAMES.has(code)) {
      // The server refused what we sent. Reconnecting is right (the stream is fine), but
      // the hello that follows must not reset the backoff, or a repeat would hot-loop.
      this.violations += 1;
      if (process.env.NODE_ENV !== "production") {
        console.warn("[ws] closed by the server for what this client sent", code);
      }
      this.scheduleReconnect(this.backoffDelay(this.attempt + this.violations));
      return;
    }
    if (code === CLOSE_UNAUTHENTICATED && this.attempt === 0) {
      // The ticket was refused (expired or used): fetch a fresh one right away.
      this.attempt = 1;
      void this.connect();
      return;
    }
    this.scheduleReconnect();
  }

  private scheduleReconnect(delay = this.backoffDelay(this.attempt)): void {
    this.clearReconnect();
    this.attempt += 1;
    this.setStatus("reconnecting");
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.connect();
    }, delay);
  }

  private clearReconnect(): void {
    if (this.reconnectTimer !== null) {
      clearTimeout(this.reconnectTimer);
      this.reconnectTimer = null;
    }
  }

  private startPing(): void {
    this.stopPing();
    this.pingTimer = setInterval(() => {
      const socket = this.socket;
      if (!socket || socket.readyState !== OPEN) return;
      if (Date.now() - this.lastMessageAt > this.options.staleAfterMs) {
        // Half-open connection: nothing (not even a pong) came back.
        socket.close(CLOSE_STALE, "stale");
        return;
      }
      this.send({ type: "ping" });
    }, this.options.pingIntervalMs);
  }

  private stopPing(): void {
    if (this.pingTimer !== null) {
      clearInterval(this.pingTimer);
      this.pingTimer = null;
    }
  }

  private send(message: Record<string, unknown>): boolean {
    if (!this.socket || this.socket.readyState !== OPEN) return false;
    const frame = JSON.stringify(message);
    if (new TextEncoder().encode(frame).length > MAX_FRAME_BYTES) {
      if (process.env.NODE_ENV !== "production") {
        console.warn("[ws] not sent: over the server's frame limit", message.type);
      }
      return false;
    }
    this.socket.send(frame);
    return true;
  }

  private handleMessage(raw: unknown): void {
    const message = parse(raw);
    if (!message) return;

    switch (message.type) {
      case "hello":
        this.handleHello(message);
        return;
      case "pong":
        return;
      case "resync":
        if (this.stream) {
          this.lastSeq.delete(this.stream);
          this.seen.delete(this.stream);
        }
        this.options.onResync(this.stream);
        return;
      case "error":
        if (process.env.NODE_ENV !== "production") {
          console.warn("[ws] server error", message.code);
        }
        return;
      default:
        this.handleEvent(message);
    }
  }

  private handleHello(message: WsServerMessage): void {
    this.stream = typeof message.stream === "string" ? message.stream : null;
    this.attempt = 0;
    this.setStatus("open");
    this.options.onHello?.(message);
    if (!this.stream || typeof message.seq !== "number") return;

    const last = this.lastSeq.get(this.stream);
    if (last === undefined) {
      // First contact: from here on events arrive live; what was published before
      // the subscription is refetched rather than trusted to be in the REST data.
      this.lastSeq.set(this.stream, message.seq);
      this.options.onFirstContact?.(this.stream);
    } else if (message.seq < last) {
      // The stream went backwards (server state reset): our position is meaningless.
      this.lastSeq.set(this.stream, message.seq);
      this.seen.delete(this.stream);
      this.options.onResync(this.stream);
    }
    // A higher seq needs nothing here: we connected with `?after=<last>`, so the server
    // replays what we missed right after this hello.
  }

  private handleEvent(message: WsServerMessage): void {
    const stream = typeof message.stream === "string" ? message.stream : this.stream;
    const seq = typeof message.seq === "number" ? message.seq : null;

    if (seq !== null && stream) {
      const seen = this.seen.get(stream) ?? new Set<number>();
      const last = this.lastSeq.get(stream);
      if (seen.has(seq) || (last !== undefined && seq <= last && !this.isReplayGap(stream, seq))) {
        return;
      }
      if (last !== undefined && seq > last + 1) {
        // We missed something live: ask for it; replayed copies are deduplicated.
        this.gaps.set(stream, { from: last, to: seq });
        this.send({ type: "resume", after: last });
      }
      seen.add(seq);
      if (seen.size > SEEN_WINDOW) {
        const oldest = seen.values().next().value;
        if (oldest !== undefined) seen.delete(oldest);
      }
      this.seen.set(stream, seen);
      this.lastSeq.set(stream, Math.max(last ?? seq, seq));
    }

    this.options.onEvent({
      stream,
      type: message.type,
      seq,
      ts: typeof message.ts === "string" ? message.ts : null,
      data: message.data,
    });
  }

  /** A replayed event that fills a gap we asked for. */
  private isReplayGap(stream: string, seq: number): boolean {
    const gap = this.gaps.get(stream);
    if (!gap) return false;
    if (seq > gap.from && seq < gap.to) return true;
    if (seq >= gap.to) this.gaps.delete(stream);
    return false;
  }
}

import { backoffDelay, closeAction } from "./close-policy";
import { encodeFrame, parseServerMessage } from "./frames";
import { StreamPositions } from "./stream-positions";
import { CLOSE_STALE, type WebSocketLike, type WsServerMessage, type WsStatus } from "./types";
import { resolveWsOptions, type ResolvedWsOptions, type WsManagerOptions } from "./ws-options";

export type { WsManagerOptions } from "./ws-options";

const OPEN = 1;

/**
 * One realtime connection with the whole protocol: ticket auth, reconnect with
 * exponential backoff and jitter, resuming from the last seen `seq` (`?after=` on
 * reconnect; a `resume` message for a gap), `resync` handling, keep-alive pings and
 * duplicate suppression. The pieces it uses: close-policy.ts (what a close code means,
 * backoff), frames.ts (parsing, the frame size guard) and stream-positions.ts (seq per
 * stream, duplicates, gaps).
 */
export class WsManager {
  private readonly options: ResolvedWsOptions;
  private socket: WebSocketLike | null = null;
  private status: WsStatus = "idle";
  private running = false;
  private attempt = 0;
  /** Closes for what we sent (4009, 4408) since start(); a hello does not reset them. */
  private violations = 0;
  private generation = 0;
  private stream: string | null = null;
  private readonly positions = new StreamPositions();
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private lastMessageAt = 0;

  constructor(options: WsManagerOptions) {
    this.options = resolveWsOptions(options);
  }

  getStatus(): WsStatus {
    return this.status;
  }

  /** Last `seq` seen on a stream (for tests and diagnostics). */
  getLastSeq(stream: string): number | undefined {
    return this.positions.last(stream);
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
    return backoffDelay(attempt, this.options);
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
    const after = this.stream === null ? undefined : this.positions.last(this.stream);
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
    switch (closeAction(code, this.attempt)) {
      case "give-up":
        this.running = false;
        this.options.eventTarget?.removeEventListener("online", this.handleOnline);
        this.setStatus("closed");
        this.options.onClosed?.(code);
        return;
      case "restart":
        // The balancer sends us to another node now; `?after=<last seq>` resumes there.
        this.scheduleReconnect(this.options.random() * this.options.restartJitterMs);
        return;
      case "our-fault":
        this.violations += 1;
        if (process.env.NODE_ENV !== "production") {
          console.warn("[ws] closed by the server for what this client sent", code);
        }
        this.scheduleReconnect(this.backoffDelay(this.attempt + this.violations));
        return;
      case "fresh-ticket":
        this.attempt = 1;
        void this.connect();
        return;
      case "backoff":
        this.scheduleReconnect();
    }
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
    const frame = encodeFrame(message);
    if (frame === null) return false;
    this.socket.send(frame);
    return true;
  }

  private handleMessage(raw: unknown): void {
    const message = parseServerMessage(raw);
    if (!message) return;

    switch (message.type) {
      case "hello":
        this.handleHello(message);
        return;
      case "pong":
        return;
      case "resync":
        if (this.stream) this.positions.forget(this.stream);
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

    const outcome = this.positions.hello(this.stream, message.seq);
    if (outcome === "first-contact") {
      // REST data read before the subscription may lack what was published in between.
      this.options.onFirstContact?.(this.stream, message);
    } else if (outcome === "went-backwards") {
      this.options.onResync(this.stream);
    }
  }

  private handleEvent(message: WsServerMessage): void {
    const stream = typeof message.stream === "string" ? message.stream : this.stream;
    const seq = typeof message.seq === "number" ? message.seq : null;

    if (seq !== null && stream) {
      const verdict = this.positions.event(stream, seq);
      if (!verdict.deliver) return;
      if (verdict.resumeAfter !== undefined) this.send({ type: "resume", after: verdict.resumeAfter });
    }

    this.options.onEvent({
      stream,
      type: message.type,
      seq,
      ts: typeof message.ts === "string" ? message.ts : null,
      data: message.data,
    });
  }
}

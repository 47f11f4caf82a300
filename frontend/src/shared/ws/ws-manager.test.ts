import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { CLOSE_FLOODING, CLOSE_TOO_BIG, CLOSE_UNAVAILABLE, MAX_FRAME_BYTES, type WebSocketLike, type WsEvent } from "./types";
import { WsManager, type WsManagerOptions } from "./ws-manager";

/** A WebSocket double the test drives by hand. */
class FakeSocket implements WebSocketLike {
  static instances: FakeSocket[] = [];
  readyState = 0;
  sent: unknown[] = [];
  closedWith: number | null = null;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;

  constructor(public url: string) {
    FakeSocket.instances.push(this);
  }

  send(data: string) {
    this.sent.push(JSON.parse(data));
  }

  close(code = 1000) {
    this.closedWith = code;
    this.readyState = 3;
  }

  // --- driven by the test -------------------------------------------------
  open() {
    this.readyState = 1;
    this.onopen?.(new Event("open"));
  }

  receive(message: unknown) {
    this.onmessage?.(new MessageEvent("message", { data: JSON.stringify(message) }));
  }

  drop(code = 1006) {
    this.readyState = 3;
    this.onclose?.(new CloseEvent("close", { code }));
  }

  static last(): FakeSocket {
    const socket = FakeSocket.instances.at(-1);
    if (!socket) throw new Error("no socket was opened");
    return socket;
  }
}

const STREAM = "user:4f1c";

function setup(overrides: Partial<WsManagerOptions> = {}) {
  let ticketNo = 0;
  const events: WsEvent[] = [];
  const resyncs: Array<string | null> = [];
  const statuses: string[] = [];
  const getTicket = vi.fn(async () => `t${++ticketNo}`);
  const manager = new WsManager({
    path: "/ws/notifications/",
    baseUrl: () => "ws://api.test:8000",
    getTicket,
    onEvent: (event) => events.push(event),
    onResync: (stream) => resyncs.push(stream),
    onStatusChange: (status) => statuses.push(status),
    createSocket: (url) => new FakeSocket(url),
    random: () => 0.5,
    eventTarget: null,
    ...overrides,
  });
  return { manager, events, resyncs, statuses, getTicket };
}

/** Let the awaited ticket promise settle. */
async function flush() {
  await vi.advanceTimersByTimeAsync(0);
}

async function connect(manager: WsManager, seq = 10) {
  manager.start();
  await flush();
  const socket = FakeSocket.last();
  socket.open();
  socket.receive({ type: "hello", stream: STREAM, seq, presence: [] });
  return socket;
}

beforeEach(() => {
  vi.useFakeTimers();
  FakeSocket.instances = [];
});

afterEach(() => {
  vi.useRealTimers();
});

describe("WsManager", () => {
  it("connects with a fresh ticket in the query string", async () => {
    const { manager, statuses } = setup();
    await connect(manager);
    expect(FakeSocket.last().url).toBe("ws://api.test:8000/ws/notifications/?ticket=t1");
    expect(statuses).toEqual(["connecting", "open"]);
    manager.stop();
  });

  it("delivers events once, in order, and drops duplicates by seq", async () => {
    const { manager, events } = setup();
    const socket = await connect(manager, 10);
    socket.receive({ type: "notification.created", seq: 11, ts: "2026-01-01T00:00:00Z", data: { id: "a" } });
    socket.receive({ type: "notification.created", seq: 11, data: { id: "a" } });
    socket.receive({ type: "notification.created", seq: 9, data: { id: "old" } });
    socket.receive({ type: "notification.created", seq: 12, data: { id: "b" } });
    expect(events.map((event) => event.seq)).toEqual([11, 12]);
    expect(events[0]).toMatchObject({ stream: STREAM, type: "notification.created", ts: "2026-01-01T00:00:00Z" });
    expect(manager.getLastSeq(STREAM)).toBe(12);
    manager.stop();
  });

  it("ignores pong and answers nothing to it", async () => {
    const { manager, events } = setup();
    const socket = await connect(manager);
    socket.receive({ type: "pong" });
    expect(events).toEqual([]);
    expect(socket.sent).toEqual([]);
    manager.stop();
  });

  it("pings every 25 seconds while open", async () => {
    const { manager } = setup();
    const socket = await connect(manager);
    await vi.advanceTimersByTimeAsync(24_999);
    expect(socket.sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(socket.sent).toEqual([{ type: "ping" }]);
    socket.receive({ type: "pong" });
    await vi.advanceTimersByTimeAsync(25_000);
    expect(socket.sent).toEqual([{ type: "ping" }, { type: "ping" }]);
    manager.stop();
  });

  it("reconnects with exponential backoff and jitter, resuming after the last seq as it connects", async () => {
    const { manager, events, getTicket, statuses } = setup();
    const first = await connect(manager, 10);
    first.receive({ type: "notification.created", seq: 11, data: { id: "a" } });

    first.drop(1006);
    expect(statuses.at(-1)).toBe("reconnecting");
    // attempt 0: ceiling 1 s, equal jitter with random 0.5 → 750 ms
    await vi.advanceTimersByTimeAsync(749);
    expect(FakeSocket.instances).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeSocket.instances).toHaveLength(2);
    expect(getTicket).toHaveBeenCalledTimes(2);

    // The second attempt fails before open: the next delay doubles (1.5 s).
    const second = FakeSocket.last();
    expect(second.url).toContain("ticket=t2");
    second.drop(1006);
    await vi.advanceTimersByTimeAsync(1_499);
    expect(FakeSocket.instances).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    const third = FakeSocket.last();
    expect(third.url).toBe("ws://api.test:8000/ws/notifications/?ticket=t3&after=11");

    // The server replays after hello by itself: no `resume` message is needed.
    third.open();
    third.receive({ type: "hello", stream: STREAM, seq: 14, presence: [] });
    expect(third.sent).toEqual([]);

    // The replay arrives; a stray copy of what we already had is not delivered twice.
    third.receive({ type: "notification.created", seq: 11, data: { id: "a" } });
    third.receive({ type: "notification.created", seq: 12, data: { id: "b" } });
    third.receive({ type: "notification.created", seq: 13, data: { id: "c" } });
    third.receive({ type: "notification.created", seq: 14, data: { id: "d" } });
    expect(events.map((event) => event.seq)).toEqual([11, 12, 13, 14]);
    expect(statuses.at(-1)).toBe("open");
    manager.stop();
  });

  it("caps the backoff and resets it after a successful connection", async () => {
    const { manager } = setup({ random: () => 0.999999 });
    expect(manager.backoffDelay(0)).toBe(1_000);
    expect(manager.backoffDelay(3)).toBe(8_000);
    expect(manager.backoffDelay(10)).toBe(30_000);
    const low = setup({ random: () => 0 }).manager;
    expect(low.backoffDelay(2)).toBe(2_000);

    const socket = await connect(manager);
    socket.drop();
    await vi.advanceTimersByTimeAsync(1_000);
    const again = FakeSocket.last();
    again.open();
    again.receive({ type: "hello", stream: STREAM, seq: 10 });
    again.drop();
    // Back to the first delay, not the second.
    await vi.advanceTimersByTimeAsync(1_000);
    expect(FakeSocket.instances).toHaveLength(3);
    manager.stop();
  });

  it("asks for one refetch on first contact (REST data may predate the subscription), not on reconnects", async () => {
    const firstContacts: string[] = [];
    const { manager } = setup({ onFirstContact: (stream) => firstContacts.push(stream) });
    const socket = await connect(manager, 10);
    expect(firstContacts).toEqual([STREAM]);
    socket.drop();
    await vi.advanceTimersByTimeAsync(750);
    const next = FakeSocket.last();
    next.open();
    expect(next.url).toContain("&after=10");
    next.receive({ type: "hello", stream: STREAM, seq: 12 });
    expect(firstContacts).toEqual([STREAM]);
    manager.stop();
  });

  it("does not resume when nothing happened while away", async () => {
    const { manager } = setup();
    const socket = await connect(manager, 10);
    socket.drop();
    await vi.advanceTimersByTimeAsync(750);
    const next = FakeSocket.last();
    next.open();
    next.receive({ type: "hello", stream: STREAM, seq: 10 });
    expect(next.sent).toEqual([]);
    manager.stop();
  });

  it("asks for a replay when a live event skips a seq", async () => {
    const { manager, events } = setup();
    const socket = await connect(manager, 10);
    socket.receive({ type: "notification.created", seq: 13, data: { id: "c" } });
    expect(socket.sent).toEqual([{ type: "resume", after: 10 }]);
    socket.receive({ type: "notification.created", seq: 11, data: { id: "a" } });
    socket.receive({ type: "notification.created", seq: 12, data: { id: "b" } });
    socket.receive({ type: "notification.created", seq: 13, data: { id: "c" } });
    expect(events.map((event) => event.seq)).toEqual([13, 11, 12]);
    manager.stop();
  });

  it("handles resync by asking the app to refetch the stream", async () => {
    const { manager, resyncs } = setup();
    const socket = await connect(manager, 10);
    socket.receive({ type: "resync" });
    expect(resyncs).toEqual([STREAM]);
    expect(manager.getLastSeq(STREAM)).toBeUndefined();
    manager.stop();
  });

  it("after a resync, reconnects without `after` and starts over from hello", async () => {
    const firstContacts: string[] = [];
    const { manager } = setup({ onFirstContact: (stream) => firstContacts.push(stream) });
    const socket = await connect(manager, 10);
    socket.receive({ type: "resync" });
    socket.drop();
    await vi.advanceTimersByTimeAsync(750);
    const next = FakeSocket.last();
    expect(next.url).not.toContain("after=");
    next.open();
    next.receive({ type: "hello", stream: STREAM, seq: 30 });
    expect(manager.getLastSeq(STREAM)).toBe(30);
    expect(firstContacts).toEqual([STREAM, STREAM]);
    manager.stop();
  });

  it("gets a new ticket at once when the server closes with 4401", async () => {
    const { manager, getTicket } = setup();
    manager.start();
    await flush();
    FakeSocket.last().drop(4401);
    await flush();
    expect(getTicket).toHaveBeenCalledTimes(2);
    expect(FakeSocket.instances).toHaveLength(2);
    expect(FakeSocket.last().url).toContain("ticket=t2");
    manager.stop();
  });

  it("reconnects without backoff, resuming with ?after=, when its node restarts (1012)", async () => {
    const { manager, statuses } = setup({ random: () => 0.2 });
    const socket = await connect(manager, 10);
    socket.receive({ type: "notification.created", seq: 11, data: { id: "a" } });
    socket.drop(1012);
    expect(statuses.at(-1)).toBe("reconnecting");
    await vi.advanceTimersByTimeAsync(99); // 0.2 × the 500 ms restart jitter
    expect(FakeSocket.instances).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeSocket.instances).toHaveLength(2);
    expect(FakeSocket.last().url).toBe("ws://api.test:8000/ws/notifications/?ticket=t2&after=11");
    manager.stop();
  });

  it("backs off further on each close for what it sent (4009, 4408), even with hellos in between", async () => {
    const { manager } = setup();
    let socket = await connect(manager, 10);
    // Each close doubles the wait although every reconnect got its hello: no hot loop.
    const closes: Array<[number, number]> = [
      [CLOSE_TOO_BIG, 1_500],
      [CLOSE_FLOODING, 3_000],
      [CLOSE_TOO_BIG, 6_000],
    ];
    for (const [code, delay] of closes) {
      const before = FakeSocket.instances.length;
      socket.drop(code);
      await vi.advanceTimersByTimeAsync(delay - 1);
      expect(FakeSocket.instances).toHaveLength(before);
      await vi.advanceTimersByTimeAsync(1);
      expect(FakeSocket.instances).toHaveLength(before + 1);
      socket = FakeSocket.last();
      socket.open();
      socket.receive({ type: "hello", stream: STREAM, seq: 10, presence: [] });
    }
    manager.stop();
  });

  it("reconnects with growing backoff while the server is unavailable (4011)", async () => {
    const { manager, statuses } = setup();
    const first = await connect(manager, 10);
    first.drop(CLOSE_UNAVAILABLE);
    expect(statuses.at(-1)).toBe("reconnecting");
    await vi.advanceTimersByTimeAsync(750);
    const second = FakeSocket.last();
    expect(second.url).toContain("after=10");
    second.open();
    second.drop(CLOSE_UNAVAILABLE); // refused again, before any hello
    await vi.advanceTimersByTimeAsync(1_499);
    expect(FakeSocket.instances).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeSocket.instances).toHaveLength(3);
    manager.stop();
  });

  it("never sends a message over the server's frame limit (it would be closed with 4009)", async () => {
    const { manager } = setup();
    const socket = await connect(manager);
    const pad = "가".repeat(MAX_FRAME_BYTES / 3); // 3 bytes each in UTF-8: over the limit with the rest
    expect(manager.sendMessage({ type: "presence.update", pad })).toBe(false);
    expect(manager.sendMessage({ type: "typing", on: true })).toBe(true);
    expect(socket.sent).toEqual([{ type: "typing", on: true }]);
    manager.stop();
  });

  it("stops for good on 4403 and 4404", async () => {
    for (const code of [4403, 4404]) {
      FakeSocket.instances = [];
      const { manager, statuses } = setup();
      const socket = await connect(manager);
      socket.drop(code);
      await vi.advanceTimersByTimeAsync(60_000);
      expect(FakeSocket.instances).toHaveLength(1);
      expect(statuses.at(-1)).toBe("closed");
    }
  });

  it("tells the app why it stopped when the server refuses the stream", async () => {
    const closed: number[] = [];
    const { manager } = setup({ onClosed: (code) => closed.push(code) });
    const socket = await connect(manager);
    socket.drop(4403);
    expect(closed).toEqual([4403]);
    manager.stop();
  });

  it("retries with backoff when the ticket cannot be fetched", async () => {
    const getTicket = vi.fn().mockRejectedValueOnce(new Error("offline")).mockResolvedValue("t-ok");
    const { manager } = setup({ getTicket });
    manager.start();
    await flush();
    expect(FakeSocket.instances).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(750);
    expect(FakeSocket.last().url).toContain("ticket=t-ok");
    manager.stop();
  });

  it("closes a silent connection so it can be replaced", async () => {
    const { manager } = setup({ staleAfterMs: 60_000 });
    const socket = await connect(manager);
    // Pings go out but nothing ever comes back.
    await vi.advanceTimersByTimeAsync(75_000);
    expect(socket.closedWith).toBe(4000);
    manager.stop();
  });

  it("keeps its defaults when options are passed as undefined", async () => {
    const created: string[] = [];
    class GlobalSocket extends FakeSocket {
      constructor(url: string) {
        super(url);
        created.push(url);
      }
    }
    vi.stubGlobal("WebSocket", GlobalSocket);
    const { manager } = setup({ createSocket: undefined, random: undefined });
    manager.start();
    await flush();
    expect(created).toEqual(["ws://api.test:8000/ws/notifications/?ticket=t1"]);
    manager.stop();
    vi.unstubAllGlobals();
  });

  it("retries when the socket cannot even be created", async () => {
    let calls = 0;
    const { manager, statuses } = setup({
      createSocket: (url) => {
        calls += 1;
        if (calls === 1) throw new SyntaxError("bad url");
        return new FakeSocket(url);
      },
    });
    manager.start();
    await flush();
    expect(statuses.at(-1)).toBe("reconnecting");
    await vi.advanceTimersByTimeAsync(750);
    expect(FakeSocket.instances).toHaveLength(1);
    manager.stop();
  });

  it("stop() closes the socket and never reconnects", async () => {
    const { manager, statuses } = setup();
    const socket = await connect(manager);
    manager.stop();
    expect(socket.closedWith).toBe(1000);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeSocket.instances).toHaveLength(1);
    expect(statuses.at(-1)).toBe("idle");
  });

  it("reconnects immediately when the browser comes back online", async () => {
    const target = new EventTarget();
    const { manager } = setup({ eventTarget: target });
    const socket = await connect(manager);
    socket.drop();
    target.dispatchEvent(new Event("online"));
    await flush();
    expect(FakeSocket.instances).toHaveLength(2);
    manager.stop();
  });
  it("reports every hello and sends client messages only while open", async () => {
    const hellos: unknown[] = [];
    const { manager } = setup({ onHello: (message) => hellos.push(message.presence) });
    expect(manager.sendMessage({ type: "typing", on: true })).toBe(false);
    const socket = await connect(manager);
    expect(hellos).toEqual([[]]);
    expect(manager.sendMessage({ type: "presence.update", playhead: 1.5, playing: false })).toBe(true);
    expect(socket.sent).toEqual([{ type: "presence.update", playhead: 1.5, playing: false }]);
    manager.stop();
    expect(manager.sendMessage({ type: "typing", on: false })).toBe(false);
  });
});

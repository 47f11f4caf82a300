import { combineSlices, configureStore } from "@reduxjs/toolkit";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { baseApi, setTokens } from "@/shared/api";
import { createFetchStub } from "@/shared/lib/test";

import { createRealtimeConnection, FIRST_CONTACT_MARGIN_MS, mayHaveMissedEvents } from "./realtime";
import type { WebSocketLike } from "./types";

/** A socket the test opens and speaks for. */
class FakeSocket implements WebSocketLike {
  static last: FakeSocket | null = null;
  readyState = 0;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  constructor(public url: string) {
    FakeSocket.last = this;
  }
  send() {}
  close() {
    this.readyState = 3;
  }
  hello(quiet: number | null | undefined) {
    this.readyState = 1;
    this.onopen?.(new Event("open"));
    const hello = { type: "hello", stream: "user:u1", seq: 7, presence: [], ...(quiet === undefined ? {} : { quiet_ms: quiet }) };
    this.onmessage?.(new MessageEvent("message", { data: JSON.stringify(hello) }));
  }
}

const testApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    firstContactCount: build.query<{ count: number }, void>({
      query: () => "notifications/unread-count/",
      providesTags: ["UnreadCount"],
    }),
  }),
});

let stub: ReturnType<typeof createFetchStub>;
const countReads = () => stub.requests.filter((r) => r.path === "/api/v1/notifications/unread-count/").length;

function makeStore() {
  return configureStore({
    reducer: combineSlices(baseApi),
    middleware: (getDefault) => getDefault().concat(baseApi.middleware),
  });
}

beforeEach(() => {
  setTokens({ access: "A", refresh: "R" });
  stub = createFetchStub(({ path }) =>
    path === "/api/v1/auth/ws-ticket/" ? { status: 200, body: { ticket: "t1", expires_in: 30 } } : { status: 200, body: { count: 1 } },
  );
  vi.stubGlobal("fetch", stub.fetch);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

async function connectAfterLoad(firstContact: "always" | "when-missed", quiet: number | null | undefined) {
  FakeSocket.last = null;
  const store = makeStore();
  const sub = store.dispatch(testApi.endpoints.firstContactCount.initiate());
  await sub;
  const connection = createRealtimeConnection({
    dispatch: store.dispatch,
    path: "/ws/notifications/",
    resyncTags: ["UnreadCount"],
    firstContact,
    createSocket: (url) => new FakeSocket(url),
    reportStatus: false,
  });
  connection.start();
  await vi.waitFor(() => expect(FakeSocket.last?.url).toContain("ticket=t1"));
  FakeSocket.last!.hello(quiet);
  // Give a refetch, if any, the time to go out.
  await new Promise((resolve) => setTimeout(resolve, 300));
  connection.stop();
  sub.unsubscribe();
  return store;
}

describe("first contact", () => {
  it("does not read the data again when the stream was quiet since it was requested", async () => {
    await connectAfterLoad("when-missed", 60_000);
    expect(countReads()).toBe(1);
  });

  it("does not read it again when the stream never had an event", async () => {
    await connectAfterLoad("when-missed", null);
    expect(countReads()).toBe(1);
  });

  it("reads it again when an event came after the data was requested, or the server does not say", async () => {
    await connectAfterLoad("when-missed", 10);
    expect(countReads()).toBe(2);
    await connectAfterLoad("when-missed", undefined);
    expect(countReads()).toBe(4);
  });

  it("always reads it again by default (the comment rooms' reread)", async () => {
    await connectAfterLoad("always", 60_000);
    expect(countReads()).toBe(2);
  });

  it("counts from the oldest cached query, with a margin", async () => {
    const store = makeStore();
    await store.dispatch(testApi.endpoints.firstContactCount.initiate());
    const started = store.getState().api.queries["firstContactCount(undefined)"]!.startedTimeStamp!;
    const now = started + 1_000;
    const hello = (quiet_ms: number) => ({ type: "hello", quiet_ms });
    expect(mayHaveMissedEvents(store.getState(), ["UnreadCount"], hello(1_000 + FIRST_CONTACT_MARGIN_MS + 1), now)).toBe(false);
    expect(mayHaveMissedEvents(store.getState(), ["UnreadCount"], hello(1_000 + FIRST_CONTACT_MARGIN_MS - 1), now)).toBe(true);
    expect(mayHaveMissedEvents(store.getState(), ["Project"], hello(1), now)).toBe(false); // nothing cached
  });
});

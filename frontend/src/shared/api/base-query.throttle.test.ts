// @vitest-environment node
import { configureStore } from "@reduxjs/toolkit";
import { createApi } from "@reduxjs/toolkit/query";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { createFetchStub, envelope, type StubHandler } from "@/shared/lib/test";

import type { ApiError } from "./api-error";
import { createBaseQuery, mayRetryThrottled, retryAfterMs } from "./base-query";
import { setTokens } from "./token-storage";

function installLocalStorage() {
  const data = new Map<string, string>();
  vi.stubGlobal("window", {
    localStorage: {
      getItem: (key: string) => data.get(key) ?? null,
      setItem: (key: string, value: string) => void data.set(key, value),
      removeItem: (key: string) => void data.delete(key),
    },
  });
}

/** The waits the base query asked for, in ms; they pass at once (real timers would make the test slow). */
function setupApi(handler: StubHandler, maxRetries = 4) {
  const stub = createFetchStub(handler);
  const waits: number[] = [];
  const api = createApi({
    reducerPath: "api",
    baseQuery: createBaseQuery({
      baseUrl: () => "http://api.test",
      fetchFn: stub.fetch,
      locale: () => "en",
      throttleRetry: {
        maxRetries,
        jitterMs: 500,
        random: () => 0.5,
        sleep: async (ms) => {
          waits.push(ms);
        },
      },
    }),
    endpoints: (build) => ({
      things: build.query<{ ok: boolean }, void>({ query: () => "things/" }),
      create: build.mutation<{ ok: boolean }, void>({ query: () => ({ url: "things/", method: "POST", body: {} }) }),
      createOnce: build.mutation<{ ok: boolean }, string>({
        query: (key) => ({ url: "things/", method: "POST", body: {}, headers: { "Idempotency-Key": key } }),
      }),
    }),
  });
  const store = configureStore({
    reducer: { [api.reducerPath]: api.reducer },
    middleware: (getDefault) => getDefault().concat(api.middleware),
  });
  return { api, store, stub, waits };
}

/** 429 with `Retry-After: seconds` for the first `n` requests, then 200. */
function throttledFor(n: number, seconds = "2"): StubHandler {
  let calls = 0;
  return () => {
    calls += 1;
    return calls <= n
      ? { status: 429, body: envelope("throttled", "Request was throttled."), headers: { "Retry-After": seconds } }
      : { status: 201, body: { ok: true } };
  };
}

beforeEach(() => {
  installLocalStorage();
  setTokens({ access: "A1", refresh: "R1" });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("a throttled request (429)", () => {
  it("is sent again after Retry-After plus jitter, and the read succeeds", async () => {
    const { api, store, stub, waits } = setupApi(throttledFor(2));
    const result = await store.dispatch(api.endpoints.things.initiate());
    expect(result.data).toEqual({ ok: true });
    expect(stub.requests).toHaveLength(3);
    // 2 s asked for, + 0.5 × 500 ms jitter.
    expect(waits).toEqual([2250, 2250]);
  });

  it("gives up after maxRetries and returns the 429 as the error", async () => {
    const { api, store, stub, waits } = setupApi(throttledFor(100), 3);
    const result = await store.dispatch(api.endpoints.things.initiate());
    expect((result.error as ApiError).status).toBe(429);
    expect((result.error as ApiError).code).toBe("throttled");
    expect(stub.requests).toHaveLength(4);
    expect(waits).toHaveLength(3);
  });

  it("does not wait for a Retry-After longer than the cap", async () => {
    const { api, store, stub, waits } = setupApi(throttledFor(1, "3600"));
    const result = await store.dispatch(api.endpoints.things.initiate());
    expect((result.error as ApiError).status).toBe(429);
    expect(stub.requests).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it("never repeats a write without an Idempotency-Key", async () => {
    const { api, store, stub, waits } = setupApi(throttledFor(1));
    const result = await store.dispatch(api.endpoints.create.initiate());
    expect("error" in result && (result.error as ApiError).status).toBe(429);
    expect(stub.requests).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it("repeats a write that carries an Idempotency-Key, with the same key", async () => {
    const { api, store, stub } = setupApi(throttledFor(1));
    const result = await store.dispatch(api.endpoints.createOnce.initiate("k-1"));
    expect("data" in result && result.data).toEqual({ ok: true });
    expect(stub.requests.map((r) => [r.method, r.headers.get("idempotency-key")])).toEqual([
      ["POST", "k-1"],
      ["POST", "k-1"],
    ]);
  });

  it("stops waiting when the query is cancelled", async () => {
    const stub = createFetchStub(throttledFor(100, "30"));
    const api = createApi({
      reducerPath: "api",
      baseQuery: createBaseQuery({ baseUrl: () => "http://api.test", fetchFn: stub.fetch, locale: () => "en" }),
      endpoints: (build) => ({ things: build.query<{ ok: boolean }, void>({ query: () => "things/" }) }),
    });
    const store = configureStore({
      reducer: { [api.reducerPath]: api.reducer },
      middleware: (getDefault) => getDefault().concat(api.middleware),
    });
    const pending = store.dispatch(api.endpoints.things.initiate());
    await vi.waitFor(() => expect(stub.requests).toHaveLength(1));
    pending.abort();
    const result = await pending;
    expect(result.isError).toBe(true);
    expect(stub.requests).toHaveLength(1);
  });
});

describe("retryAfterMs / mayRetryThrottled", () => {
  it("reads seconds, an HTTP date, the envelope's retry_after, else the fallback", () => {
    const res = (value: string) => new Response(null, { headers: { "Retry-After": value } });
    expect(retryAfterMs(res("3"), undefined, 99)).toBe(3000);
    expect(retryAfterMs(res(new Date(10_000).toUTCString()), undefined, 99, 4_000)).toBe(6000);
    expect(retryAfterMs(undefined, envelope("throttled", "", { retry_after: ["7"] }), 99)).toBe(7000);
    expect(retryAfterMs(undefined, { error: { details: { retry_after: 5 } } }, 99)).toBe(5000);
    expect(retryAfterMs(undefined, {}, 99)).toBe(99);
  });

  it("lets reads and idempotent writes be repeated, nothing else", () => {
    expect(mayRetryThrottled("things/")).toBe(true);
    expect(mayRetryThrottled({ url: "things/", method: "get" })).toBe(true);
    expect(mayRetryThrottled({ url: "things/", method: "POST" })).toBe(false);
    expect(mayRetryThrottled({ url: "things/", method: "DELETE" })).toBe(false);
    expect(mayRetryThrottled({ url: "things/", method: "POST", headers: { "Idempotency-Key": "x" } })).toBe(true);
  });
});

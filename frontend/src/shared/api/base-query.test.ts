// @vitest-environment node
import { configureStore, type Middleware } from "@reduxjs/toolkit";
import { createApi } from "@reduxjs/toolkit/query";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { createFetchStub, envelope, type StubHandler } from "@/shared/lib/test";

import type { ApiError } from "./api-error";
import { createBaseQuery } from "./base-query";
import { sessionEnded } from "./session-actions";
import { getTokens, setTokens } from "./token-storage";

/** localStorage for the node environment. */
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

function setupApi(handler: StubHandler) {
  const stub = createFetchStub(handler);
  const api = createApi({
    reducerPath: "api",
    baseQuery: createBaseQuery({ baseUrl: () => "http://api.test", fetchFn: stub.fetch, locale: () => "en" }),
    endpoints: (build) => ({
      me: build.query<{ id: string }, void>({ query: () => "users/me/" }),
      other: build.query<{ ok: boolean }, string>({ query: (name) => `things/${name}/` }),
      login: build.mutation<unknown, { email: string; password: string }>({
        query: (body) => ({ url: "auth/login/", method: "POST", body }),
      }),
    }),
  });
  const actions: string[] = [];
  const record: Middleware = () => (next) => (action) => {
    actions.push((action as { type: string }).type);
    return next(action);
  };
  const store = configureStore({
    reducer: { [api.reducerPath]: api.reducer },
    middleware: (getDefault) => getDefault().concat(api.middleware).concat(record),
  });
  return { api, store, stub, actions };
}

const authHeader = (headers: Headers) => headers.get("authorization");

beforeEach(() => {
  installLocalStorage();
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("createBaseQuery", () => {
  it("sends the access token and the UI language", async () => {
    setTokens({ access: "A1", refresh: "R1" });
    const { api, store, stub } = setupApi(() => ({ status: 200, body: { id: "u1" } }));
    const result = await store.dispatch(api.endpoints.me.initiate());
    expect(result.data).toEqual({ id: "u1" });
    expect(stub.requests[0]?.path).toBe("/api/v1/users/me/");
    expect(authHeader(stub.requests[0]!.headers)).toBe("Bearer A1");
    expect(stub.requests[0]?.headers.get("accept-language")).toBe("en");
  });

  it("refreshes once on 401 and retries the request with the new token", async () => {
    setTokens({ access: "A1", refresh: "R1" });
    const { api, store, stub } = setupApi(({ path, headers, body }) => {
      if (path === "/api/v1/auth/refresh/") {
        expect(body).toEqual({ refresh: "R1" });
        expect(authHeader(headers)).toBeNull();
        return { status: 200, body: { access: "A2", refresh: "R2" } };
      }
      return authHeader(headers) === "Bearer A2"
        ? { status: 200, body: { id: "u1" } }
        : { status: 401, body: envelope("token_invalid", "Token is invalid or expired") };
    });

    const result = await store.dispatch(api.endpoints.me.initiate());

    expect(result.data).toEqual({ id: "u1" });
    expect(stub.requests.map((r) => r.path)).toEqual([
      "/api/v1/users/me/",
      "/api/v1/auth/refresh/",
      "/api/v1/users/me/",
    ]);
    expect(getTokens()).toEqual({ access: "A2", refresh: "R2" });
  });

  it("shares one refresh between requests that fail at the same time", async () => {
    setTokens({ access: "A1", refresh: "R1" });
    let refreshes = 0;
    const { api, store, stub } = setupApi(async ({ path, headers }) => {
      if (path === "/api/v1/auth/refresh/") {
        refreshes += 1;
        await new Promise((resolve) => setTimeout(resolve, 10));
        return { status: 200, body: { access: "A2", refresh: "R2" } };
      }
      return authHeader(headers) === "Bearer A2"
        ? { status: 200, body: { ok: true, id: "u1" } }
        : { status: 401, body: envelope("token_invalid") };
    });

    const results = await Promise.all([
      store.dispatch(api.endpoints.me.initiate()),
      store.dispatch(api.endpoints.other.initiate("a")),
      store.dispatch(api.endpoints.other.initiate("b")),
    ]);

    expect(results.every((result) => !result.error)).toBe(true);
    expect(refreshes).toBe(1);
    expect(stub.requests.filter((r) => r.path === "/api/v1/auth/refresh/")).toHaveLength(1);
  });

  it("retries only once: a second 401 is returned, not looped", async () => {
    setTokens({ access: "A1", refresh: "R1" });
    const { api, store, stub } = setupApi(({ path }) =>
      path === "/api/v1/auth/refresh/"
        ? { status: 200, body: { access: "A2", refresh: "R2" } }
        : { status: 401, body: envelope("not_authenticated") },
    );
    const result = await store.dispatch(api.endpoints.me.initiate());
    expect((result.error as ApiError).status).toBe(401);
    expect(stub.requests).toHaveLength(3);
  });

  it("ends the session when the refresh is refused", async () => {
    setTokens({ access: "A1", refresh: "R-revoked" });
    const { api, store, actions } = setupApi(({ path }) =>
      path === "/api/v1/auth/refresh/"
        ? { status: 401, body: envelope("token_invalid", "Token is blacklisted") }
        : { status: 401, body: envelope("token_invalid") },
    );

    const result = await store.dispatch(api.endpoints.me.initiate());

    expect((result.error as ApiError).code).toBe("token_invalid");
    expect(getTokens()).toBeNull();
    expect(actions).toContain(sessionEnded.type);
  });

  it("never refreshes for a failed login and maps the envelope to ApiError", async () => {
    const { api, store, stub } = setupApi(() => ({
      status: 401,
      body: {
        error: {
          code: "invalid_credentials",
          message: "Email or password is incorrect.",
          details: {},
          request_id: "req-123",
        },
      },
    }));

    const result = await store.dispatch(api.endpoints.login.initiate({ email: "a@b.co", password: "nope" }));

    expect("error" in result && result.error).toEqual({
      status: 401,
      code: "invalid_credentials",
      message: "Email or password is incorrect.",
      details: {},
      requestId: "req-123",
    });
    expect(stub.requests).toHaveLength(1);
    expect(authHeader(stub.requests[0]!.headers)).toBeNull();
  });

  it("maps validation details and network failures", async () => {
    const { api, store } = setupApi(() => ({
      status: 400,
      body: envelope("validation_error", "Invalid input.", { email: ["Enter a valid email address."] }),
    }));
    const invalid = await store.dispatch(api.endpoints.login.initiate({ email: "x", password: "y" }));
    expect("error" in invalid && (invalid.error as ApiError).details).toEqual({ email: ["Enter a valid email address."] });

    const offline = setupApi(() => {
      throw new TypeError("fetch failed");
    });
    const failed = await offline.store.dispatch(offline.api.endpoints.me.initiate());
    expect(failed.error).toMatchObject({ status: 0, code: "network_error" });
  });

  it("gives a non-envelope error a code from its status", async () => {
    setTokens({ access: "A1", refresh: "R1" });
    const { api, store } = setupApi(() => ({ status: 502, body: "<html>Bad gateway</html>", headers: { "content-type": "text/html" } }));
    const result = await store.dispatch(api.endpoints.other.initiate("x"));
    expect(result.error).toMatchObject({ status: 502, code: "server_error" });
  });
});

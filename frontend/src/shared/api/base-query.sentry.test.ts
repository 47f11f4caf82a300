import { configureStore } from "@reduxjs/toolkit";
import { createApi } from "@reduxjs/toolkit/query";
import { createTransport } from "@sentry/browser";
import { afterEach, describe, expect, it } from "vitest";

import { initErrorReporting, stopErrorReporting } from "@/shared/lib/error-reporting";
import { createFetchStub, type StubHandler } from "@/shared/lib/test";

import { createBaseQuery } from "./base-query";

interface SentEvent {
  message?: string;
  level?: string;
  tags?: Record<string, string>;
  extra?: Record<string, unknown>;
  breadcrumbs?: { category?: string; data?: Record<string, unknown> }[];
}

/** Sentry's own transport machinery, with the network replaced by this array. */
function capturingTransport(sent: SentEvent[]) {
  return (options: Parameters<typeof createTransport>[0]) =>
    createTransport(options, async (request) => {
      const body = typeof request.body === "string" ? request.body : new TextDecoder().decode(request.body);
      // An envelope: a header line, then item header / item payload pairs.
      const lines = body.split("\n").filter(Boolean);
      for (let i = 1; i + 1 < lines.length; i += 2) {
        if ((JSON.parse(lines[i]!) as { type?: string }).type === "event") sent.push(JSON.parse(lines[i + 1]!) as SentEvent);
      }
      return { statusCode: 200 };
    });
}

function setupApi(handler: StubHandler) {
  const stub = createFetchStub(handler);
  const api = createApi({
    reducerPath: "api",
    baseQuery: createBaseQuery({ baseUrl: () => "http://api.test", fetchFn: stub.fetch, locale: () => "en" }),
    endpoints: (build) => ({
      project: build.query<unknown, string>({ query: (id) => `projects/${id}/` }),
      save: build.mutation<unknown, string>({ query: (id) => ({ url: `projects/${id}/`, method: "PATCH", body: {} }) }),
    }),
  });
  const store = configureStore({
    reducer: { [api.reducerPath]: api.reducer },
    middleware: (getDefault) => getDefault().concat(api.middleware),
  });
  return { api, store };
}

const ID = "3f2a8c1e-1b2c-4d5e-8f90-1234567890ab";

async function until(predicate: () => boolean) {
  for (let i = 0; i < 100 && !predicate(); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
}

afterEach(async () => {
  await stopErrorReporting();
});

describe("API errors reach Sentry", () => {
  it("sends an event carrying the failing call's request id when a DSN is set", async () => {
    const sent: SentEvent[] = [];
    expect(initErrorReporting({ dsn: "https://public@o1.ingest.sentry.io/42", transport: capturingTransport(sent) })).toBe(true);
    const { api, store } = setupApi(() => ({
      status: 500,
      body: { error: { code: "server_error", message: "Something broke.", details: {}, request_id: "req-5xx-1" } },
    }));

    await store.dispatch(api.endpoints.project.initiate(ID));
    await until(() => sent.length > 0);

    expect(sent).toHaveLength(1);
    const [event] = sent;
    expect(event!.tags).toMatchObject({ request_id: "req-5xx-1", api_code: "server_error", http_status: "500" });
    expect(event!.message).toBe("API 500 server_error: GET projects/:id/");
    expect(event!.extra).toMatchObject({ endpoint: `projects/${ID}/`, method: "GET" });
  });

  it("takes the request id from X-Request-ID without an envelope; 4xx answers are breadcrumbs only", async () => {
    const sent: SentEvent[] = [];
    initErrorReporting({ dsn: "https://public@o1.ingest.sentry.io/42", transport: capturingTransport(sent) });
    let status = 409;
    const { api, store } = setupApi(() => ({
      status,
      body: status === 409 ? { error: { code: "conflict", message: "", details: {}, request_id: "req-409" } } : "Bad gateway",
      headers: { "X-Request-ID": "req-502" },
    }));

    await store.dispatch(api.endpoints.save.initiate(ID));
    status = 502;
    await store.dispatch(api.endpoints.save.initiate(ID));
    await until(() => sent.length > 0);

    expect(sent).toHaveLength(1);
    expect(sent[0]!.tags).toMatchObject({ request_id: "req-502", http_status: "502", last_request_id: "req-502" });
    expect(sent[0]!.message).toBe("API 502 server_error: PATCH projects/:id/");
    const crumbs = (sent[0]!.breadcrumbs ?? []).filter((crumb) => crumb.category === "api");
    expect(crumbs.map((crumb) => crumb.data?.request_id)).toEqual(["req-409", "req-502"]);
  });

  it("stays off without a DSN: no SDK, nothing sent", async () => {
    expect(initErrorReporting({ dsn: "" })).toBe(false);
    const { api, store } = setupApi(() => ({ status: 500, body: { error: { code: "server_error", request_id: "r" } } }));
    const result = await store.dispatch(api.endpoints.project.initiate(ID));
    expect("error" in result && result.error).toMatchObject({ status: 500, requestId: "r" });
  });
});

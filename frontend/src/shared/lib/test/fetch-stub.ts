import { vi } from "vitest";

export interface StubRequest {
  method: string;
  /** Path after the origin, e.g. `/api/v1/auth/login/`. */
  path: string;
  search: string;
  headers: Headers;
  body: unknown;
}

export interface StubResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type StubHandler = (request: StubRequest) => StubResponse | Promise<StubResponse>;

/**
 * A tiny in-memory HTTP server behind `fetch`: each request is recorded and
 * answered by `handler`. Install with `vi.stubGlobal("fetch", stub.fetch)`.
 */
export function createFetchStub(handler: StubHandler) {
  const requests: StubRequest[] = [];

  const fetchFn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    const text = await request.text();
    let body: unknown = undefined;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    const recorded: StubRequest = {
      method: request.method,
      path: url.pathname,
      search: url.search,
      headers: request.headers,
      body,
    };
    requests.push(recorded);
    const answer = await handler(recorded);
    const headers = new Headers(answer.headers);
    if (answer.body !== undefined && !headers.has("content-type")) {
      headers.set("content-type", "application/json");
    }
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status: answer.status,
      headers,
    });
  });

  return { fetch: fetchFn, requests };
}

/** The error envelope every API error uses. */
export function envelope(code: string, message = "", details: Record<string, string[]> = {}) {
  return { error: { code, message, details, request_id: "req-test" } };
}

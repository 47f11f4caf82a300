import {
  fetchBaseQuery,
  type BaseQueryApi,
  type BaseQueryFn,
  type FetchArgs,
  type FetchBaseQueryMeta,
} from "@reduxjs/toolkit/query/react";

import { apiBaseUrl } from "@/shared/config";
import { getActiveLocale } from "@/shared/i18n";
import { reportApiError } from "@/shared/lib/error-reporting";

import { toApiError, type ApiError } from "./api-error";
import { sessionEnded } from "./session-actions";
import { clearTokens, getTokens, setTokens, type AuthTokens } from "./token-storage";

/** Endpoints that never carry the access token and never trigger a refresh. */
const PUBLIC_PATHS = [
  "auth/login/",
  "auth/register/",
  "auth/refresh/",
  "auth/password/reset/",
  "auth/password/reset/confirm/",
];

export const REFRESH_PATH = "auth/refresh/";

function pathOf(arg: string | FetchArgs): string {
  const url = typeof arg === "string" ? arg : arg.url;
  return url.replace(/^\/+/, "").split("?")[0] ?? "";
}

export function isPublicPath(arg: string | FetchArgs): boolean {
  return PUBLIC_PATHS.includes(pathOf(arg));
}

export type AppBaseQuery = BaseQueryFn<string | FetchArgs, unknown, ApiError, object, FetchBaseQueryMeta>;

export interface BaseQueryOptions {
  /** Origin of the API, e.g. `http://127.0.0.1:8000`; `/api/v1/` is appended. */
  baseUrl?: () => string;
  fetchFn?: (input: RequestInfo, init?: RequestInit) => Promise<Response>;
  locale?: () => string;
  /** How a throttled (429) read is retried; see {@link ThrottleRetryOptions}. */
  throttleRetry?: Partial<ThrottleRetryOptions>;
}

export interface ThrottleRetryOptions {
  /** Retries after the first 429 (then the 429 comes out as the error). */
  maxRetries: number;
  /** A Retry-After longer than this is not waited for inside the request. */
  maxDelayMs: number;
  /** Up to this much is added at random to each wait, so that tabs and requests do not all come back at once. */
  jitterMs: number;
  /** Waits `ms`; rejects when `signal` aborts (the query was cancelled). */
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  random: () => number;
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

const THROTTLE_RETRY_DEFAULTS: ThrottleRetryOptions = {
  maxRetries: 4,
  maxDelayMs: 60_000,
  jitterMs: 1_000,
  sleep: abortableSleep,
  random: Math.random,
};

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Whether a request that was answered 429 may simply be sent again: reads
 * (GET/HEAD/OPTIONS), and writes that carry an `Idempotency-Key` (the server
 * answers a repeat with the first answer). Other writes are never repeated
 * behind the user's back.
 */
export function mayRetryThrottled(args: string | FetchArgs): boolean {
  if (typeof args === "string") return true;
  if (SAFE_METHODS.has((args.method ?? "GET").toUpperCase())) return true;
  if (!args.headers) return false;
  return new Headers(args.headers as HeadersInit).has("Idempotency-Key");
}

/**
 * How long the server asked us to wait, in ms: the `Retry-After` header
 * (seconds or an HTTP date), else the envelope's `details.retry_after`, else
 * `fallbackMs`.
 */
export function retryAfterMs(
  response: Response | undefined,
  data: unknown,
  fallbackMs: number,
  now: number = Date.now(),
): number {
  const header = response?.headers.get("Retry-After")?.trim();
  if (header) {
    if (/^\d+(\.\d+)?$/.test(header)) return Math.round(Number(header) * 1000);
    const date = Date.parse(header);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const details = (data as { error?: { details?: { retry_after?: unknown } } } | undefined)?.error?.details;
  const fromBody = Number(Array.isArray(details?.retry_after) ? details.retry_after[0] : details?.retry_after);
  if (Number.isFinite(fromBody) && fromBody >= 0) return Math.round(fromBody * 1000);
  return fallbackMs;
}

/**
 * The one base query every endpoint goes through:
 * - sends `Authorization: Bearer <access>` and `Accept-Language`;
 * - on a 401 it refreshes the pair once (shared by every request that failed
 *   at the same time, because the server rotates and blacklists refresh
 *   tokens) and retries the request once;
 * - when the refresh fails the tokens are dropped and the session ends;
 * - a 429 on a read (or on a write carrying an `Idempotency-Key`) is sent again
 *   after the server's `Retry-After` plus a little jitter, a bounded number of
 *   times, so a page that hit the rate limit waits and recovers on its own
 *   instead of showing an error;
 * - every error comes out as a typed {@link ApiError}.
 */
export function createBaseQuery(options: BaseQueryOptions = {}): AppBaseQuery {
  const resolveBaseUrl = options.baseUrl ?? apiBaseUrl;
  const resolveLocale = options.locale ?? getActiveLocale;
  const throttle: ThrottleRetryOptions = { ...THROTTLE_RETRY_DEFAULTS, ...options.throttleRetry };

  const raw = (args: string | FetchArgs, api: BaseQueryApi, extraOptions: object) =>
    fetchBaseQuery({
      baseUrl: `${resolveBaseUrl()}/api/v1/`,
      fetchFn: options.fetchFn,
      prepareHeaders: (headers, { arg }) => {
        headers.set("Accept", "application/json");
        headers.set("Accept-Language", resolveLocale());
        const tokens = getTokens();
        if (tokens && !isPublicPath(arg) && !headers.has("Authorization")) {
          headers.set("Authorization", `Bearer ${tokens.access}`);
        }
        return headers;
      },
    })(args, api, extraOptions);

  let refreshing: Promise<boolean> | null = null;

  const refresh = (api: BaseQueryApi, extraOptions: object): Promise<boolean> => {
    if (refreshing) return refreshing;
    const tokens = getTokens();
    if (!tokens) return Promise.resolve(false);
    refreshing = (async () => {
      const result = await raw(
        { url: REFRESH_PATH, method: "POST", body: { refresh: tokens.refresh } },
        api,
        extraOptions,
      );
      const data = result.data as Partial<AuthTokens> | undefined;
      if (!result.error && data && typeof data.access === "string") {
        setTokens({ access: data.access, refresh: typeof data.refresh === "string" ? data.refresh : tokens.refresh });
        return true;
      }
      return false;
    })().finally(() => {
      refreshing = null;
    });
    return refreshing;
  };

  /** The request, sent again while it is throttled and may be repeated. */
  const send = async (args: string | FetchArgs, api: BaseQueryApi, extraOptions: object) => {
    let result = await raw(args, api, extraOptions);
    for (let retry = 0; retry < throttle.maxRetries; retry++) {
      if (result.error?.status !== 429 || !mayRetryThrottled(args) || isPublicPath(args)) break;
      const wait = retryAfterMs(result.meta?.response, result.error.data, 1000 * 2 ** retry);
      if (wait > throttle.maxDelayMs) break;
      try {
        await throttle.sleep(wait + Math.floor(throttle.random() * throttle.jitterMs), api.signal);
      } catch {
        break; // cancelled while waiting: the 429 stands, nobody is listening any more
      }
      result = await raw(args, api, extraOptions);
    }
    return result;
  };

  return async (args, api, extraOptions) => {
    const accessUsed = getTokens()?.access ?? null;
    let result = await send(args, api, extraOptions);

    if (result.error && result.error.status === 401 && !isPublicPath(args) && accessUsed !== null) {
      const current = getTokens();
      // Someone else already rotated the pair while this request was in flight.
      const alreadyRefreshed = current !== null && current.access !== accessUsed;
      const ok = alreadyRefreshed || (await refresh(api, extraOptions));
      if (ok) {
        result = await send(args, api, extraOptions);
      } else {
        clearTokens();
        api.dispatch(sessionEnded({ reason: "expired" }));
      }
    }

    if (result.error) {
      const error = toApiError(result.error, result.meta);
      reportApiError({
        method: (typeof args === "string" ? "GET" : (args.method ?? "GET")).toUpperCase(),
        endpoint: pathOf(args),
        status: error.status,
        code: error.code,
        message: error.message,
        requestId: error.requestId,
      });
      return { error, meta: result.meta };
    }
    return { data: result.data, meta: result.meta };
  };
}

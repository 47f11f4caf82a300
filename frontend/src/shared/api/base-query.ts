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
}

/**
 * The one base query every endpoint goes through:
 * - sends `Authorization: Bearer <access>` and `Accept-Language`;
 * - on a 401 it refreshes the pair once (shared by every request that failed
 *   at the same time, because the server rotates and blacklists refresh
 *   tokens) and retries the request once;
 * - when the refresh fails the tokens are dropped and the session ends;
 * - every error comes out as a typed {@link ApiError}.
 */
export function createBaseQuery(options: BaseQueryOptions = {}): AppBaseQuery {
  const resolveBaseUrl = options.baseUrl ?? apiBaseUrl;
  const resolveLocale = options.locale ?? getActiveLocale;

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

  return async (args, api, extraOptions) => {
    const accessUsed = getTokens()?.access ?? null;
    let result = await raw(args, api, extraOptions);

    if (result.error && result.error.status === 401 && !isPublicPath(args) && accessUsed !== null) {
      const current = getTokens();
      // Someone else already rotated the pair while this request was in flight.
      const alreadyRefreshed = current !== null && current.access !== accessUsed;
      const ok = alreadyRefreshed || (await refresh(api, extraOptions));
      if (ok) {
        result = await raw(args, api, extraOptions);
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

import * as Sentry from "@sentry/browser";

/**
 * Frontend errors → Sentry, only when `NEXT_PUBLIC_SENTRY_DSN` is set (inlined by `next
 * build`; unset = nothing is loaded into the SDK, nothing is sent). Unhandled errors and
 * rejections are captured by the SDK's default integrations; failing API calls are
 * reported by `shared/api`'s base query with the request id the server logged them
 * under (the envelope's `request_id`, else `X-Request-ID`), so an event and the
 * server's log line meet. The page's CSP allows the DSN's origin (app/security).
 */

export interface ErrorReportingOptions {
  dsn?: string;
  environment?: string;
  /** For tests: capture events in-process instead of sending them. */
  transport?: Sentry.BrowserOptions["transport"];
}

let enabled = false;

/** Starts the SDK once; `false` (and no SDK) without a DSN. */
export function initErrorReporting(options: ErrorReportingOptions = {}): boolean {
  if (enabled) return true;
  const dsn = (options.dsn ?? process.env.NEXT_PUBLIC_SENTRY_DSN ?? "").trim();
  if (!dsn) return false;
  Sentry.init({
    dsn,
    environment: options.environment ?? process.env.NODE_ENV,
    transport: options.transport,
    tracesSampleRate: 0,
  });
  enabled = true;
  return true;
}

/** For tests: forget the SDK (the next init starts it again). */
export async function stopErrorReporting(): Promise<void> {
  if (!enabled) return;
  enabled = false;
  await Sentry.close(2000);
  for (const scope of [Sentry.getIsolationScope(), Sentry.getCurrentScope()]) {
    scope.clearBreadcrumbs(); // what this run left behind
  }
}

/** `projects/3f2a…/versions/12/` → `projects/:id/versions/:id/`: one Sentry issue per route. */
export function routeOf(endpoint: string): string {
  return endpoint
    .split("/")
    .map((part) => (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(part) || /^\d+$/.test(part) ? ":id" : part))
    .join("/");
}

export interface FailedApiCall {
  method: string;
  endpoint: string;
  status: number;
  code: string;
  message: string;
  requestId: string | null;
}

/**
 * One failed API call: a breadcrumb for every failure (so a later crash shows what failed
 * before it) and the last failing request id as a tag; an event of its own for server
 * errors (5xx) — 4xx answers are the user's input or state, not bugs.
 */
export function reportApiError(call: FailedApiCall): void {
  if (!enabled) return;
  Sentry.addBreadcrumb({
    category: "api",
    level: call.status >= 500 || call.status === 0 ? "error" : "warning",
    message: `${call.method} ${call.endpoint} → ${call.status} ${call.code}`,
    data: { request_id: call.requestId },
  });
  if (call.requestId) Sentry.setTag("last_request_id", call.requestId);
  if (call.status < 500) return;
  const route = routeOf(call.endpoint);
  Sentry.withScope((scope) => {
    scope.setTags({
      request_id: call.requestId ?? "none",
      api_code: call.code,
      http_status: String(call.status),
    });
    scope.setExtras({ endpoint: call.endpoint, method: call.method, message: call.message });
    scope.setFingerprint(["api-error", call.method, route, String(call.status)]);
    Sentry.captureMessage(`API ${call.status} ${call.code}: ${call.method} ${route}`, "error");
  });
}

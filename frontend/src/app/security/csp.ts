import { resolveApiBaseUrl, toWsBaseUrl } from "@/shared/config";

/**
 * The web app's Content-Security-Policy and the other security headers, built per request
 * by `proxy.ts` (issue 15). Access and refresh tokens live in localStorage, so one injected
 * script would own the account: scripts run only with this response's nonce (Next puts it
 * on its own scripts; the root layout on the theme boot script and the tracker), and
 * whatever they load inherits the trust ('strict-dynamic'). The page may talk only to itself,
 * the API and its WebSocket, the media storage, and Sentry's ingest origin when
 * `NEXT_PUBLIC_SENTRY_DSN` is set (shared/lib/error-reporting).
 */

/** Request header carrying the nonce from the proxy to the root layout. */
export const NONCE_HEADER = "x-nonce";

/** Django's SECURE_HSTS_* in config/settings/prod.py, so both origins pin the same way. */
export const HSTS = "max-age=31536000; includeSubDomains; preload";

/**
 * Storyboard reference images are hot-linked from the image search providers
 * (apps/ai_planning/image_search.py shows their thumbnails): Google's thumbnails
 * (encrypted-tbn*.gstatic.com), Pexels and Unsplash.
 */
export const REFERENCE_IMAGE_ORIGINS = [
  "https://*.gstatic.com",
  "https://images.pexels.com",
  "https://images.unsplash.com",
] as const;

export interface CspOptions {
  /** This response's nonce (base64). */
  nonce: string;
  /** The API's origin (http or https); its WebSocket origin follows from it. */
  apiOrigin: string;
  /** Where presigned media lives and parts are uploaded to: the S3 bucket's or a CDN's origin. */
  mediaOrigins: readonly string[];
  /** `next dev`: React needs eval for its debugging aids, the dev overlay injects styles. */
  dev: boolean;
  /** The page was served over TLS: upgrade any plain-http subresource. */
  https: boolean;
  /** Where the browser SDK sends error events (the DSN's origin), if error reporting is on. */
  sentryOrigin?: string | null;
}

/** The Content-Security-Policy header value. */
export function buildCsp({ nonce, apiOrigin, mediaOrigins, dev, https, sentryOrigin }: CspOptions): string {
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    // 'self' is ignored where 'strict-dynamic' is understood; it is the fallback for older browsers.
    ["script-src", "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])],
    // <style> and <link> elements: our stylesheets and Next's nonce-carrying inline styles
    // (in dev the overlay's styles carry none). Style attributes cannot carry a nonce, and
    // React renders them on the server (spinners, the not-found page), so they are allowed;
    // CSS cannot run script, and no stylesheet from elsewhere can load.
    ["style-src", "'self'", dev ? "'unsafe-inline'" : `'nonce-${nonce}'`],
    ["style-src-attr", "'unsafe-inline'"],
    ["img-src", "'self'", "data:", "blob:", apiOrigin, ...mediaOrigins, ...REFERENCE_IMAGE_ORIGINS],
    ["media-src", "'self'", apiOrigin, ...mediaOrigins],
    ["font-src", "'self'"],
    ["connect-src", "'self'", apiOrigin, toWsBaseUrl(apiOrigin), ...mediaOrigins, ...(sentryOrigin ? [sentryOrigin] : [])],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    ["form-action", "'self'"],
    ["frame-ancestors", "'none'"],
  ];
  if (https) directives.push(["upgrade-insecure-requests"]);
  return directives.map(([name, ...sources]) => [name, ...new Set(sources)].join(" ")).join("; ");
}

/**
 * The headers Django sends on its own responses (config/settings: nosniff, the referrer
 * policy, COOP same-origin, X-Frame-Options DENY, and HSTS in production over TLS), plus
 * the CSP.
 */
export function securityHeaders({ csp, dev, https }: { csp: string; dev: boolean; https: boolean }): Record<string, string> {
  return {
    "Content-Security-Policy": csp,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    ...(https && !dev ? { "Strict-Transport-Security": HSTS } : {}),
  };
}

const ORIGIN = /^https?:\/\/(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:\d{1,5})?$/i;

/**
 * `CSP_MEDIA_ORIGINS`: origins separated by spaces or commas (a trailing slash is fine).
 * Anything that is not a plain http(s) origin is dropped, so a typo cannot add a
 * directive or a keyword to the policy.
 */
export function parseOrigins(value: string | undefined): string[] {
  return (value ?? "")
    .split(/[\s,]+/)
    .map((origin) => origin.replace(/\/+$/, ""))
    .filter((origin) => ORIGIN.test(origin))
    .map((origin) => origin.toLowerCase());
}

/**
 * `NEXT_PUBLIC_SENTRY_DSN` (`https://<key>@o1.ingest.sentry.io/<project>`) → the origin
 * events are posted to; null when unset or not a plain http(s) URL (no policy change).
 */
export function sentryOriginOf(dsn: string | undefined): string | null {
  if (!dsn?.trim()) return null;
  try {
    const origin = new URL(dsn.trim()).origin.toLowerCase();
    return ORIGIN.test(origin) ? origin : null;
  } catch {
    return null;
  }
}

/** The API's origin: `NEXT_PUBLIC_API_URL`'s, else the page's host on port 8000 (as in the browser). */
export function apiOriginFor(configured: string | undefined, page: URL): string {
  return new URL(resolveApiBaseUrl(configured, { protocol: page.protocol, hostname: page.hostname })).origin;
}

/** 128 random bits, base64: a fresh nonce for each response. */
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

export interface PageRequest {
  url: URL;
  /** `X-Forwarded-Proto` from the TLS-terminating proxy in front (Vercel, a load balancer). */
  forwardedProto: string | null;
}

export interface PageEnv {
  NODE_ENV: string | undefined;
  NEXT_PUBLIC_API_URL: string | undefined;
  CSP_MEDIA_ORIGINS: string | undefined;
  NEXT_PUBLIC_SENTRY_DSN?: string | undefined;
}

/** Everything the proxy sets for one page request: the nonce, the CSP and the response headers. */
export function pageSecurity(request: PageRequest, env: PageEnv, nonce: string = newNonce()) {
  const dev = env.NODE_ENV === "development";
  const https = request.url.protocol === "https:" || request.forwardedProto?.split(",")[0]?.trim() === "https";
  const csp = buildCsp({
    nonce,
    apiOrigin: apiOriginFor(env.NEXT_PUBLIC_API_URL, request.url),
    mediaOrigins: parseOrigins(env.CSP_MEDIA_ORIGINS),
    dev,
    https,
    sentryOrigin: sentryOriginOf(env.NEXT_PUBLIC_SENTRY_DSN),
  });
  return { nonce, csp, headers: securityHeaders({ csp, dev, https }) };
}

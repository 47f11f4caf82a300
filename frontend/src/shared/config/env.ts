/**
 * Where the Django API lives.
 *
 * `NEXT_PUBLIC_API_URL` is inlined by `next build`. When it is empty the API is
 * assumed to run on the page's own host on port 8000 (the dev default), which
 * can only be computed in the browser. `same-origin` means the pages and the API
 * share one host (the Kubernetes Ingress routes /api, /ws and /static to Django),
 * so one image serves every environment; on the server that is a relative URL.
 */
const DEFAULT_API_PORT = "8000";
const SAME_ORIGIN = "same-origin";

function stripTrailingSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

type LocationLike = Pick<Location, "protocol" | "hostname"> & { port?: string };

export function resolveApiBaseUrl(
  configured: string | undefined = process.env.NEXT_PUBLIC_API_URL,
  location: LocationLike | undefined = typeof window === "undefined" ? undefined : window.location,
): string {
  if (configured?.trim() === SAME_ORIGIN) {
    return location ? `${location.protocol}//${location.hostname}${location.port ? `:${location.port}` : ""}` : "";
  }
  if (configured && configured.trim() !== "") {
    return stripTrailingSlash(configured.trim());
  }
  if (location) {
    return `${location.protocol}//${location.hostname}:${DEFAULT_API_PORT}`;
  }
  return `http://localhost:${DEFAULT_API_PORT}`;
}

/** `http(s)://host:port` → `ws(s)://host:port`. */
export function toWsBaseUrl(apiBaseUrl: string): string {
  return apiBaseUrl.replace(/^http(s?):\/\//i, (_match, secure: string) => `ws${secure}://`);
}

export function apiBaseUrl(): string {
  return resolveApiBaseUrl();
}

export function wsBaseUrl(): string {
  return toWsBaseUrl(resolveApiBaseUrl());
}

import type { FetchBaseQueryError, FetchBaseQueryMeta } from "@reduxjs/toolkit/query";

/** Field name → messages, as sent in the envelope's `details`. */
export type ApiErrorDetails = Record<string, string[]>;

/** Every failed API call surfaces as this, whatever went wrong. */
export interface ApiError {
  /** HTTP status; 0 when the server could not be reached. */
  status: number;
  /** Stable machine code (`validation_error`, `invalid_credentials`, `network_error`, …). */
  code: string;
  message: string;
  details: ApiErrorDetails;
  requestId: string | null;
}

interface Envelope {
  error: {
    code?: unknown;
    message?: unknown;
    details?: unknown;
    request_id?: unknown;
  };
}

function isEnvelope(data: unknown): data is Envelope {
  return (
    typeof data === "object" &&
    data !== null &&
    "error" in data &&
    typeof (data as { error: unknown }).error === "object" &&
    (data as { error: unknown }).error !== null
  );
}

function normaliseDetails(details: unknown): ApiErrorDetails {
  if (typeof details !== "object" || details === null || Array.isArray(details)) {
    return {};
  }
  const out: ApiErrorDetails = {};
  for (const [field, value] of Object.entries(details as Record<string, unknown>)) {
    if (Array.isArray(value)) {
      out[field] = value.map((item) => (typeof item === "string" ? item : JSON.stringify(item)));
    } else if (typeof value === "string") {
      out[field] = [value];
    } else if (value !== null && value !== undefined) {
      out[field] = [JSON.stringify(value)];
    }
  }
  return out;
}

function defaultCodeForStatus(status: number): string {
  if (status === 401) return "not_authenticated";
  if (status === 403) return "permission_denied";
  if (status === 404) return "not_found";
  if (status === 429) return "throttled";
  if (status >= 500) return "server_error";
  return "http_error";
}

export function isApiError(value: unknown): value is ApiError {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as ApiError).status === "number" &&
    typeof (value as ApiError).code === "string" &&
    typeof (value as ApiError).message === "string"
  );
}

/** Map whatever fetchBaseQuery produced into our typed {@link ApiError}. */
export function toApiError(error: FetchBaseQueryError, meta?: FetchBaseQueryMeta): ApiError {
  const headerRequestId = meta?.response?.headers.get("x-request-id") ?? null;

  if (typeof error.status === "number") {
    if (isEnvelope(error.data)) {
      const env = error.data.error;
      return {
        status: error.status,
        code: typeof env.code === "string" ? env.code : defaultCodeForStatus(error.status),
        message: typeof env.message === "string" ? env.message : "",
        details: normaliseDetails(env.details),
        requestId: typeof env.request_id === "string" ? env.request_id : headerRequestId,
      };
    }
    return {
      status: error.status,
      code: defaultCodeForStatus(error.status),
      message: "",
      details: {},
      requestId: headerRequestId,
    };
  }

  switch (error.status) {
    case "FETCH_ERROR":
      return { status: 0, code: "network_error", message: error.error, details: {}, requestId: null };
    case "TIMEOUT_ERROR":
      return { status: 0, code: "timeout", message: error.error, details: {}, requestId: null };
    case "PARSING_ERROR":
      return {
        status: error.originalStatus,
        code: error.originalStatus >= 400 ? defaultCodeForStatus(error.originalStatus) : "parse_error",
        message: error.error,
        details: {},
        requestId: headerRequestId,
      };
    case "CUSTOM_ERROR":
    default:
      return { status: 0, code: "client_error", message: error.error, details: {}, requestId: null };
  }
}

/** For `catch (e)` around `.unwrap()`: anything thrown becomes an ApiError. */
export function asApiError(value: unknown): ApiError {
  if (isApiError(value)) return value;
  const message =
    typeof value === "object" && value !== null && typeof (value as { message?: unknown }).message === "string"
      ? (value as { message: string }).message
      : typeof value === "string"
        ? value
        : "";
  return { status: 0, code: "client_error", message, details: {}, requestId: null };
}

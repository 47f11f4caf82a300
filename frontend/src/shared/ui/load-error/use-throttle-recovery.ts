"use client";

import { useEffect, useState } from "react";

import { asApiError, retryAfterMs } from "@/shared/api";

/** A 429 without a usable Retry-After waits this long before the next try. */
const FALLBACK_WAIT_S = 30;
/** Never wait longer than this for one try (a clock-skewed or absurd Retry-After). */
const MAX_WAIT_S = 600;

/** Seconds the server asked a throttled request to wait (`details.retry_after`), or null when `error` is no 429. */
export function throttleWaitSeconds(error: unknown): number | null {
  if (!error) return null;
  const apiError = asApiError(error);
  if (apiError.status !== 429) return null;
  // The base query's reading of the envelope's `details.retry_after` (the header is gone by now).
  const waitMs = retryAfterMs(undefined, { error: { details: apiError.details } }, FALLBACK_WAIT_S * 1000);
  return Math.min(Math.ceil(waitMs / 1000), MAX_WAIT_S);
}

/**
 * A load that failed on the rate limit tries again by itself once the wait is over (the base
 * query's own retries gave up: the limit outlasted them). Returns the seconds left, for the
 * page to say so, or null when `error` is no 429.
 */
export function useThrottleRecovery(error: unknown, retry: () => unknown): number | null {
  const wait = throttleWaitSeconds(error);
  const [left, setLeft] = useState<number | null>(wait);
  const [seenError, setSeenError] = useState(error);
  if (seenError !== error) {
    setSeenError(error);
    setLeft(wait);
  }

  useEffect(() => {
    if (left === null) return;
    const timer = window.setTimeout(() => {
      if (left > 1) return setLeft(left - 1);
      setLeft(null); // the next 429, a new error, starts the next wait
      void retry();
    }, 1_000);
    return () => window.clearTimeout(timer);
  }, [left, retry]);

  return left;
}

import { act, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { ApiError } from "@/shared/api";
import { renderWithProviders } from "@/shared/lib/test";

import { LoadError } from "./load-error";
import { throttleWaitSeconds } from "./use-throttle-recovery";

function apiError(status: number, details: Record<string, string[]> = {}): ApiError {
  const code = status === 429 ? "throttled" : "server_error";
  return { status, code, message: "", details, requestId: "req-1" };
}

/** Let `seconds` pass, a second at a time (each tick renders and schedules the next). */
function pass(seconds: number) {
  for (let i = 0; i < seconds; i += 1) act(() => vi.advanceTimersByTime(1_000));
}

describe("LoadError on the rate limit", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("counts down the server's wait and then tries again by itself, once", () => {
    const onRetry = vi.fn();
    renderWithProviders(<LoadError title="목록을 불러오지 못했습니다" error={apiError(429, { retry_after: ["3"] })} onRetry={onRetry} />);
    expect(screen.getByText(/3초 후 자동으로 다시 시도합니다\./)).toBeInTheDocument();
    pass(2);
    expect(screen.getByText(/1초 후 자동으로 다시 시도합니다\./)).toBeInTheDocument();
    expect(onRetry).not.toHaveBeenCalled();
    pass(1);
    expect(onRetry).toHaveBeenCalledTimes(1);
    pass(10);
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it("starts a new wait when the next try is throttled again", () => {
    const onRetry = vi.fn();
    const view = renderWithProviders(<LoadError title="x" error={apiError(429, { retry_after: ["1"] })} onRetry={onRetry} />, { locale: "en" });
    pass(1);
    expect(onRetry).toHaveBeenCalledTimes(1);
    view.rerender(<LoadError title="x" error={apiError(429, { retry_after: ["2"] })} onRetry={onRetry} />);
    expect(screen.getByText(/Trying again by itself in 2 s\./)).toBeInTheDocument();
    pass(2);
    expect(onRetry).toHaveBeenCalledTimes(2);
  });

  it("leaves any other failure to the button", () => {
    const onRetry = vi.fn();
    renderWithProviders(<LoadError title="x" error={apiError(500)} onRetry={onRetry} />);
    expect(screen.queryByText(/자동으로 다시 시도/)).not.toBeInTheDocument();
    pass(120);
    expect(onRetry).not.toHaveBeenCalled();
  });

  it("reads the wait from the envelope, with a fallback and a ceiling", () => {
    expect(throttleWaitSeconds(apiError(429, { retry_after: ["7"] }))).toBe(7);
    expect(throttleWaitSeconds(apiError(429, { retry_after: ["2.2"] }))).toBe(3);
    expect(throttleWaitSeconds(apiError(429))).toBe(30);
    expect(throttleWaitSeconds(apiError(429, { retry_after: ["86400"] }))).toBe(600);
    expect(throttleWaitSeconds(apiError(503, { retry_after: ["5"] }))).toBeNull();
    expect(throttleWaitSeconds(undefined)).toBeNull();
  });
});

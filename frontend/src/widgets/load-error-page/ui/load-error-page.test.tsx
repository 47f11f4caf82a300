import { act, fireEvent, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";

import type { ApiError } from "@/shared/api";
import { renderWithProviders } from "@/shared/lib/test";

import { LoadErrorPage } from "./load-error-page";

function apiError(status: number, code: string, message = "", details: Record<string, string[]> = {}): ApiError {
  return { status, code, message, details, requestId: "req-1" };
}

const titles = { notFoundTitle: "프로젝트를 찾을 수 없습니다", errorTitle: "프로젝트를 불러오지 못했습니다" };

describe("LoadErrorPage", () => {
  it("reads a 404 as not found, without an error message, and leads back to the projects", () => {
    renderWithProviders(<LoadErrorPage error={apiError(404, "not_found")} {...titles} />);
    expect(screen.getByText(titles.notFoundTitle)).toBeInTheDocument();
    expect(screen.queryByText(titles.errorTitle)).not.toBeInTheDocument();
    expect(screen.getByRole("link", { name: "프로젝트 목록으로" })).toHaveAttribute("href", "/projects");
  });

  it("shows any other failure with what went wrong", () => {
    renderWithProviders(<LoadErrorPage error={apiError(500, "server_error")} {...titles} />, { locale: "en" });
    expect(screen.getByText(titles.errorTitle)).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Back to projects" })).toBeInTheDocument();
    expect(screen.getByText("Something went wrong on our side. Please try again shortly.")).toBeInTheDocument();
  });

  it("with a way to load again: a button for a failure, none for a record that is not there", () => {
    const onRetry = vi.fn();
    const view = renderWithProviders(<LoadErrorPage error={apiError(500, "server_error")} {...titles} onRetry={onRetry} />);
    fireEvent.click(screen.getByRole("button", { name: "다시 시도" }));
    expect(onRetry).toHaveBeenCalledTimes(1);
    view.rerender(<LoadErrorPage error={apiError(404, "not_found")} {...titles} onRetry={onRetry} />);
    expect(screen.queryByRole("button", { name: "다시 시도" })).not.toBeInTheDocument();
  });

  it("on the rate limit it loads again by itself once the server's wait is over", () => {
    vi.useFakeTimers();
    try {
      const onRetry = vi.fn();
      renderWithProviders(
        <LoadErrorPage error={apiError(429, "throttled", "", { retry_after: ["2"] })} {...titles} onRetry={onRetry} />,
      );
      expect(screen.getByText(/2초 후 자동으로 다시 시도합니다/)).toBeInTheDocument();
      act(() => vi.advanceTimersByTime(1_000));
      act(() => vi.advanceTimersByTime(1_000));
      expect(onRetry).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });
});

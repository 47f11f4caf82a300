import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import type { ApiError } from "@/shared/api";
import { renderWithProviders } from "@/shared/lib/test";

import { LoadErrorPage } from "./load-error-page";

function apiError(status: number, code: string, message = ""): ApiError {
  return { status, code, message, details: {}, requestId: "req-1" };
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
});

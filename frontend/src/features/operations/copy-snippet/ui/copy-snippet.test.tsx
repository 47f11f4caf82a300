import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { renderWithProviders } from "@/shared/lib/test";

import { CopySnippet } from "./copy-snippet";

const SNIPPET = '<script async src="https://api.test/static/vp-tracker.js" data-site="vps_key1"></script>';

describe("CopySnippet", () => {
  it("shows the embed line and copies it, confirming in words", async () => {
    const user = userEvent.setup();
    const writeText = vi.spyOn(navigator.clipboard, "writeText").mockResolvedValue(undefined);
    renderWithProviders(<CopySnippet siteKey="vps_key1" apiBase="https://api.test" />, { locale: "en" });

    expect(screen.getByTestId("embed-snippet")).toHaveTextContent(SNIPPET);
    await user.click(screen.getByRole("button", { name: "Copy" }));

    expect(writeText).toHaveBeenCalledWith(SNIPPET);
    expect(screen.getByRole("button", { name: "Copied" })).toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent("The embed snippet was copied to the clipboard.");
  });

  it("selects the snippet when the clipboard is refused", async () => {
    const user = userEvent.setup();
    vi.spyOn(navigator.clipboard, "writeText").mockRejectedValue(new DOMException("denied", "NotAllowedError"));
    renderWithProviders(<CopySnippet siteKey="vps_key1" apiBase="https://api.test" />, { locale: "en" });

    await user.click(screen.getByRole("button", { name: "Copy" }));

    expect(window.getSelection()?.toString()).toBe(SNIPPET);
    expect(screen.getByRole("button", { name: "Copy" })).toBeInTheDocument();
  });
});

import { act, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { sessionSlice } from "@/entities/session";
import { sessionStarted, setTokens } from "@/shared/api";
import { useTranslations } from "@/shared/i18n";
import { createFetchStub, renderWithProviders } from "@/shared/lib/test";

import { LocaleSwitcher } from "./locale-switcher";

function Greeting() {
  const t = useTranslations("nav");
  return <p data-testid="label">{t("notifications")}</p>;
}

function renderSwitcher() {
  const stub = createFetchStub(({ body }) => ({
    status: 200,
    body: { id: "u1", email: "a@b.co", display_name: "A", avatar: null, timezone: "Asia/Seoul", is_staff: false, date_joined: "2026-01-01T00:00:00Z", ...(body as object) },
  }));
  vi.stubGlobal("fetch", stub.fetch);
  const view = renderWithProviders(
    <>
      <LocaleSwitcher />
      <Greeting />
    </>,
    { slices: [sessionSlice] },
  );
  return { ...view, stub, user: userEvent.setup() };
}

describe("LocaleSwitcher", () => {
  it("shows both languages in their own script, Korean selected by default", () => {
    renderSwitcher();
    const group = screen.getByRole("group", { name: "언어" });
    expect(group).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "한국어" })).toHaveAttribute("aria-pressed", "true");
    expect(screen.getByRole("button", { name: "English" })).toHaveAttribute("aria-pressed", "false");
    expect(screen.getByTestId("label")).toHaveTextContent("알림");
  });

  it("switches the whole UI at once and remembers the choice in a cookie", async () => {
    const { user, stub } = renderSwitcher();
    await user.click(screen.getByRole("button", { name: "English" }));

    expect(screen.getByTestId("label")).toHaveTextContent("Notifications");
    expect(screen.getByRole("group", { name: "Language" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "English" })).toHaveAttribute("aria-pressed", "true");
    expect(document.cookie).toContain("vp_locale=en");
    expect(document.documentElement.lang).toBe("en");
    // Signed out: nothing to save on the server.
    expect(stub.requests).toHaveLength(0);
  });

  it("saves the choice to the profile when signed in", async () => {
    const { user, stub, store } = renderSwitcher();
    setTokens({ access: "A1", refresh: "R1" });
    act(() => {
      store.dispatch(sessionStarted());
    });

    await user.click(screen.getByRole("button", { name: "English" }));

    await waitFor(() => expect(stub.requests).toHaveLength(1));
    expect(stub.requests[0]).toMatchObject({ method: "PATCH", path: "/api/v1/users/me/", body: { locale: "en" } });
    expect(stub.requests[0]?.headers.get("authorization")).toBe("Bearer A1");
    expect(stub.requests[0]?.headers.get("accept-language")).toBe("en");
  });
});

import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";

import { getTokens, sessionEnded, setTokens } from "@/shared/api";
import { createFetchStub, envelope, renderWithProviders, type StubResponse } from "@/shared/lib/test";

import { LogoutEverywhereButton } from "./logout-everywhere-button";

function setup(answer: StubResponse, locale: "ko" | "en" = "ko") {
  setTokens({ access: "A", refresh: "R" });
  const stub = createFetchStub(() => answer);
  vi.stubGlobal("fetch", stub.fetch);
  const { store } = renderWithProviders(<LogoutEverywhereButton />, { locale });
  const dispatched = vi.spyOn(store, "dispatch");
  return { stub, dispatched, user: userEvent.setup() };
}

afterEach(() => vi.unstubAllGlobals());

describe("sign out everywhere", () => {
  it("asks first, then ends every session on the server and logs out here", async () => {
    const { stub, dispatched, user } = setup({ status: 204 });

    await user.click(screen.getByRole("button", { name: "모든 기기에서 로그아웃" }));
    const dialog = screen.getByRole("alertdialog", { name: "모든 기기에서 로그아웃할까요?" });
    expect(dialog).toHaveTextContent("이 기기도 포함됩니다");
    await user.click(within(dialog).getByRole("button", { name: "취소" }));
    expect(stub.requests).toHaveLength(0);
    expect(getTokens()).toEqual({ access: "A", refresh: "R" });

    await user.click(screen.getByRole("button", { name: "모든 기기에서 로그아웃" }));
    await user.click(within(screen.getByRole("alertdialog")).getByRole("button", { name: "모든 기기에서 로그아웃" }));

    await waitFor(() => expect(getTokens()).toBeNull());
    expect(stub.requests).toEqual([expect.objectContaining({ method: "POST", path: "/api/v1/auth/logout-all/" })]);
    expect(dispatched).toHaveBeenCalledWith(sessionEnded({ reason: "user" }));
  });

  it("keeps this session and says why when the server refuses", async () => {
    const { user } = setup({ status: 503, body: envelope("service_unavailable", "지금은 처리할 수 없습니다.") });

    await user.click(screen.getByRole("button", { name: "모든 기기에서 로그아웃" }));
    await user.click(within(screen.getByRole("alertdialog")).getByRole("button", { name: "모든 기기에서 로그아웃" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("지금은 처리할 수 없습니다.");
    expect(getTokens()).toEqual({ access: "A", refresh: "R" });
  });

  it("speaks English to English users", async () => {
    const { user } = setup({ status: 204 }, "en");

    await user.click(screen.getByRole("button", { name: "Sign out everywhere" }));
    expect(screen.getByRole("alertdialog", { name: "Sign out on every device?" })).toHaveTextContent("including this one");
  });
});

import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";

import { getTokens, setTokens } from "@/shared/api";
import { createFetchStub, renderWithProviders } from "@/shared/lib/test";

import { ChangePasswordForm } from "./change-password-form";

afterEach(() => vi.unstubAllGlobals());

describe("ChangePasswordForm", () => {
  it("keeps this session signed in with the new token pair the server answers", async () => {
    setTokens({ access: "A-old", refresh: "R-old" });
    const stub = createFetchStub(() => ({ status: 200, body: { access: "A-new", refresh: "R-new" } }));
    vi.stubGlobal("fetch", stub.fetch);
    renderWithProviders(<ChangePasswordForm />);
    const user = userEvent.setup();

    await user.type(screen.getByLabelText("현재 비밀번호"), "old-pass-123");
    await user.type(screen.getByLabelText("새 비밀번호"), "brand-new-pass");
    await user.type(screen.getByLabelText("새 비밀번호 확인"), "brand-new-pass");
    await user.click(screen.getByRole("button", { name: "비밀번호 변경" }));

    expect(await screen.findByRole("status")).toHaveTextContent("비밀번호가 변경되었습니다");
    expect(stub.requests[0]).toMatchObject({ method: "POST", path: "/api/v1/auth/password/change/" });
    expect(getTokens()).toEqual({ access: "A-new", refresh: "R-new" });
  });
});

import { screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";

import { createFetchStub, envelope, renderWithProviders, type StubResponse } from "@/shared/lib/test";

import { VerifyEmailStatus } from "./verify-email-status";

function render(token: string | null, answer: StubResponse, locale: "ko" | "en" = "ko") {
  const stub = createFetchStub(() => answer);
  vi.stubGlobal("fetch", stub.fetch);
  renderWithProviders(<VerifyEmailStatus token={token} />, { locale });
  return stub;
}

describe("VerifyEmailStatus", () => {
  it("sends the link's token once and says the address is confirmed, with a way to log in", async () => {
    const stub = render("signed:token", { status: 200, body: { email: "new@example.com", email_verified: true } });

    expect(await screen.findByText("이메일 주소가 확인되었습니다")).toBeVisible();
    expect(screen.getByText("new@example.com 주소가 확인되었습니다. 이제 로그인할 수 있습니다.")).toBeVisible();
    expect(screen.getByRole("link", { name: "로그인" })).toHaveAttribute("href", "/login?email=new%40example.com");
    expect(stub.requests).toHaveLength(1);
    expect(stub.requests[0]?.path).toBe("/api/v1/auth/verify-email/");
    expect(stub.requests[0]?.body).toEqual({ token: "signed:token" });
  });

  it("says an invalid or expired link can't be used", async () => {
    render("old", { status: 400, body: envelope("verification_link_invalid", "Invalid.") }, "en");

    expect(await screen.findByRole("alert")).toHaveTextContent("This link can't be used");
    expect(screen.getByRole("link", { name: "Log in" })).toHaveAttribute("href", "/login");
  });

  it("without a token asks nothing of the server", async () => {
    const stub = render(null, { status: 500 });

    expect(await screen.findByRole("alert")).toHaveTextContent("사용할 수 없는 링크입니다");
    expect(stub.requests).toHaveLength(0);
  });
});

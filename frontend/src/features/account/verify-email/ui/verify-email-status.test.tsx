import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { createFetchStub, envelope, renderWithProviders, type StubResponse } from "@/shared/lib/test";

import { VerifyEmailStatus } from "./verify-email-status";

function render(token: string | null, answer: StubResponse, locale: "ko" | "en" = "ko") {
  const stub = createFetchStub(() => answer);
  vi.stubGlobal("fetch", stub.fetch);
  renderWithProviders(<VerifyEmailStatus token={token} />, { locale });
  return { stub, user: userEvent.setup() };
}

async function submitKo(user: ReturnType<typeof userEvent.setup>, password = "Blue-Lantern-Orbit-77") {
  await user.type(screen.getByLabelText("비밀번호", { exact: true }), password);
  await user.type(screen.getByLabelText("비밀번호 확인"), password);
  await user.click(screen.getByRole("button", { name: "이메일 확인하고 비밀번호 설정" }));
}

describe("VerifyEmailStatus", () => {
  it("asks the one who opened the link for the password, sends it with the token, then offers to log in", async () => {
    const { stub, user } = render("signed:token", { status: 200, body: { email: "new@example.com", email_verified: true } });
    expect(stub.requests).toHaveLength(0); // nothing is confirmed by merely opening the link

    await submitKo(user);

    expect(await screen.findByText("이메일 주소가 확인되었습니다")).toBeVisible();
    expect(screen.getByText("new@example.com 주소가 확인되었습니다. 이제 로그인할 수 있습니다.")).toBeVisible();
    expect(screen.getByRole("link", { name: "로그인" })).toHaveAttribute("href", "/login?email=new%40example.com");
    expect(stub.requests).toHaveLength(1);
    expect(stub.requests[0]?.path).toBe("/api/v1/auth/verify-email/");
    expect(stub.requests[0]?.body).toEqual({ token: "signed:token", password: "Blue-Lantern-Orbit-77" });
  });

  it("checks that both passwords match before asking the server", async () => {
    const { stub, user } = render("signed:token", { status: 200, body: {} });

    await user.type(screen.getByLabelText("비밀번호", { exact: true }), "Blue-Lantern-Orbit-77");
    await user.type(screen.getByLabelText("비밀번호 확인"), "Blue-Lantern-Orbit-78");
    await user.click(screen.getByRole("button", { name: "이메일 확인하고 비밀번호 설정" }));

    expect(await screen.findByText("비밀번호가 일치하지 않습니다.")).toBeVisible();
    expect(stub.requests).toHaveLength(0);
  });

  it("shows the server's password rules next to the field", async () => {
    const { user } = render("signed:token", {
      status: 400,
      body: envelope("validation_error", "Invalid input.", { password: ["This password is too common."] }),
    });

    await submitKo(user);

    expect(await screen.findByText("This password is too common.")).toBeVisible();
    expect(screen.getByLabelText("비밀번호", { exact: true })).toBeVisible();
  });

  it("says a used, invalid or expired link can't be used", async () => {
    const { user } = render("old", { status: 400, body: envelope("verification_link_invalid", "Invalid.") }, "en");

    await user.type(screen.getByLabelText("Password", { exact: true }), "Blue-Lantern-Orbit-77");
    await user.type(screen.getByLabelText("Confirm password"), "Blue-Lantern-Orbit-77");
    await user.click(screen.getByRole("button", { name: "Confirm email and set password" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("This link can't be used");
    expect(screen.getByRole("link", { name: "Log in" })).toHaveAttribute("href", "/login");
  });

  it("without a token asks nothing of the server", async () => {
    const { stub } = render(null, { status: 500 });

    expect(await screen.findByRole("alert")).toHaveTextContent("사용할 수 없는 링크입니다");
    expect(stub.requests).toHaveLength(0);
  });
});

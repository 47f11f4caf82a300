import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { sessionSlice } from "@/entities/session";
import { getTokens } from "@/shared/api";
import { createFetchStub, renderWithProviders } from "@/shared/lib/test";

import { RegisterPage } from "./register-page";

vi.mock("next/navigation", () => ({
  useRouter: () => ({ push: vi.fn(), replace: vi.fn() }),
  useSearchParams: () => new URLSearchParams(),
}));

function render(locale: "ko" | "en" = "ko") {
  const stub = createFetchStub(({ path, body }) => {
    const email = String((body as { email: string }).email).toLowerCase();
    if (path.endsWith("/auth/register/") || path.endsWith("/auth/verify-email/resend/")) {
      return { status: 202, body: { email, verification_required: true } };
    }
    return { status: 500 };
  });
  vi.stubGlobal("fetch", stub.fetch);
  renderWithProviders(<RegisterPage />, { locale, slices: [sessionSlice] });
  return { stub, user: userEvent.setup() };
}

async function fillAndSubmit(user: ReturnType<typeof userEvent.setup>, labels: Record<string, string>, submit: string) {
  for (const [label, value] of Object.entries(labels)) await user.type(screen.getByLabelText(label, { exact: true }), value);
  await user.click(screen.getByRole("button", { name: submit }));
}

describe("the sign-up page", () => {
  it("asks to check the e-mail after signing up, signs nobody in, and can send the link again", async () => {
    const { stub, user } = render();

    await fillAndSubmit(
      user,
      { 이름: "김감독", 이메일: "New@Example.com", 비밀번호: "Blue-Lantern-77", "비밀번호 확인": "Blue-Lantern-77" },
      "계정 만들기",
    );

    expect(await screen.findByText("이메일을 확인해 주세요")).toBeVisible();
    expect(screen.getByText(/new@example.com\(으\)로 확인 링크를 보냈습니다/)).toBeVisible();
    expect(getTokens()).toBeNull();
    expect(stub.requests[0]?.body).toEqual({
      display_name: "김감독",
      email: "New@Example.com",
      password: "Blue-Lantern-77",
      locale: "ko",
    });

    await user.click(screen.getByRole("button", { name: "링크 다시 보내기" }));

    await waitFor(() => expect(screen.getByText(/새 링크를 보냈습니다/)).toBeVisible());
    expect(stub.requests[1]?.path).toBe("/api/v1/auth/verify-email/resend/");
    expect(stub.requests[1]?.body).toEqual({ email: "new@example.com" });
  });

  it("speaks English when the UI does", async () => {
    const { user } = render("en");

    await fillAndSubmit(
      user,
      { Name: "Alex", Email: "alex@example.com", Password: "Blue-Lantern-77", "Confirm password": "Blue-Lantern-77" },
      "Create account",
    );

    expect(await screen.findByText("Check your email")).toBeVisible();
    expect(screen.getByText(/We sent a confirmation link to alex@example.com/)).toBeVisible();
  });
});

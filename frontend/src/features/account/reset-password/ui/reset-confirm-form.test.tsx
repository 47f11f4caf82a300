import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { createFetchStub, envelope, renderWithProviders } from "@/shared/lib/test";

import { ResetConfirmForm } from "./reset-confirm-form";

function render(uid: string | null, token: string | null, answer: { status: number; body?: unknown }) {
  const stub = createFetchStub(() => answer);
  vi.stubGlobal("fetch", stub.fetch);
  renderWithProviders(<ResetConfirmForm uid={uid} token={token} />);
  return { stub, user: userEvent.setup() };
}

async function submit(user: ReturnType<typeof userEvent.setup>, password = "brand-new-pass") {
  await user.type(screen.getByLabelText("새 비밀번호"), password);
  await user.type(screen.getByLabelText("새 비밀번호 확인"), password);
  await user.click(screen.getByRole("button", { name: "비밀번호 변경" }));
}

describe("ResetConfirmForm", () => {
  it("says the link is unusable when uid or token is missing", () => {
    render("abc", null, { status: 204 });
    expect(screen.getByRole("alert")).toHaveTextContent("링크를 사용할 수 없습니다");
    expect(screen.getByRole("link", { name: "새 링크 요청하기" })).toHaveAttribute("href", "/reset-password");
  });

  it("sends uid, token and the new password, then offers to log in", async () => {
    const { stub, user } = render("MQ", "set-abc", { status: 204 });
    await submit(user);
    expect(await screen.findByRole("status")).toHaveTextContent("비밀번호가 변경되었습니다");
    expect(stub.requests[0]).toMatchObject({
      method: "POST",
      path: "/api/v1/auth/password/reset/confirm/",
      body: { uid: "MQ", token: "set-abc", new_password: "brand-new-pass" },
    });
  });

  it("turns a used or expired link into the invalid-link state", async () => {
    const { user } = render("MQ", "used", { status: 400, body: envelope("reset_link_invalid", "This password reset link is invalid or has expired.") });
    await submit(user);
    expect(await screen.findByRole("alert")).toHaveTextContent("링크를 사용할 수 없습니다");
  });

  it("shows the server's password rules next to the field", async () => {
    const { user } = render("MQ", "ok", {
      status: 400,
      body: envelope("validation_error", "Invalid input.", { new_password: ["This password is too common."] }),
    });
    await submit(user, "password1");
    expect(await screen.findByText("This password is too common.")).toBeInTheDocument();
    expect(screen.getByLabelText("새 비밀번호")).toHaveAttribute("aria-invalid", "true");
  });

  it("checks that both passwords match before sending", async () => {
    const { stub, user } = render("MQ", "ok", { status: 204 });
    await user.type(screen.getByLabelText("새 비밀번호"), "brand-new-pass");
    await user.type(screen.getByLabelText("새 비밀번호 확인"), "brand-new-pasz");
    await user.click(screen.getByRole("button", { name: "비밀번호 변경" }));
    expect(screen.getByLabelText("새 비밀번호 확인")).toHaveAccessibleDescription("비밀번호가 일치하지 않습니다.");
    expect(stub.requests).toHaveLength(0);
  });
});

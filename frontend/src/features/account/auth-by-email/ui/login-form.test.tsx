import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { sessionSlice } from "@/entities/session";
import { getTokens } from "@/shared/api";
import { createFetchStub, envelope, renderWithProviders } from "@/shared/lib/test";

import { LoginForm } from "./login-form";

const USER = {
  id: "0b7c3c1e-7f0a-4d43-9a43-6f3a1b0e5a11",
  email: "minji@example.com",
  display_name: "김민지",
  avatar: null,
  locale: "ko",
  timezone: "Asia/Seoul",
  is_staff: false,
  date_joined: "2026-01-02T03:04:05Z",
};

function renderForm(handler: Parameters<typeof createFetchStub>[0], onSuccess = vi.fn()) {
  const stub = createFetchStub(handler);
  vi.stubGlobal("fetch", stub.fetch);
  const view = renderWithProviders(<LoginForm onSuccess={onSuccess} />, { slices: [sessionSlice] });
  return { ...view, stub, onSuccess, user: userEvent.setup() };
}

describe("LoginForm", () => {
  it("labels every field and refuses to submit empty ones", async () => {
    const { user, stub } = renderForm(() => ({ status: 500 }));

    await user.click(screen.getByRole("button", { name: "로그인" }));

    const email = screen.getByLabelText("이메일");
    const password = screen.getByLabelText("비밀번호");
    expect(email).toHaveAttribute("aria-invalid", "true");
    expect(password).toHaveAttribute("aria-invalid", "true");
    expect(email).toHaveAccessibleDescription("필수 입력 항목입니다.");
    expect(email).toHaveFocus();
    expect(stub.requests).toHaveLength(0);
  });

  it("checks the email format and clears the error once fixed", async () => {
    const { user } = renderForm(() => ({ status: 500 }));
    const email = screen.getByLabelText("이메일");

    await user.type(email, "minji@");
    await user.type(screen.getByLabelText("비밀번호"), "secret-pass");
    await user.click(screen.getByRole("button", { name: "로그인" }));
    expect(email).toHaveAccessibleDescription("올바른 이메일 주소를 입력해 주세요.");

    await user.type(email, "example.com");
    expect(email).not.toHaveAttribute("aria-invalid");
  });

  it("shows the server's refusal as an alert and stays logged out", async () => {
    const { user, stub, onSuccess, store } = renderForm(() => ({
      status: 401,
      body: envelope("invalid_credentials", "Invalid email or password."),
    }));

    await user.type(screen.getByLabelText("이메일"), "minji@example.com");
    await user.type(screen.getByLabelText("비밀번호"), "wrong-password");
    await user.click(screen.getByRole("button", { name: "로그인" }));

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("이메일 또는 비밀번호가 올바르지 않습니다.");
    expect(alert).toHaveTextContent("req-test");
    expect(stub.requests).toHaveLength(1);
    expect(stub.requests[0]?.body).toEqual({ email: "minji@example.com", password: "wrong-password" });
    expect(onSuccess).not.toHaveBeenCalled();
    expect(getTokens()).toBeNull();
    expect(store.getState().session.status).toBe("unknown");
  });

  it("puts server field errors next to their fields", async () => {
    const { user } = renderForm(() => ({
      status: 400,
      body: envelope("validation_error", "Invalid input.", { email: ["등록되지 않은 도메인입니다."] }),
    }));
    await user.type(screen.getByLabelText("이메일"), "minji@example.com");
    await user.type(screen.getByLabelText("비밀번호"), "whatever-1");
    await user.click(screen.getByRole("button", { name: "로그인" }));

    await waitFor(() => expect(screen.getByLabelText("이메일")).toHaveAccessibleDescription("등록되지 않은 도메인입니다."));
    expect(screen.getByRole("alert")).toHaveTextContent("입력한 내용을 확인해 주세요.");
  });

  it("stores the tokens and starts the session on success", async () => {
    const { user, onSuccess, store } = renderForm(() => ({
      status: 200,
      body: { access: "A1", refresh: "R1", user: USER },
    }));

    await user.type(screen.getByLabelText("이메일"), " minji@example.com ");
    await user.type(screen.getByLabelText("비밀번호"), "correct-horse");
    await user.click(screen.getByRole("button", { name: "로그인" }));

    await waitFor(() => expect(onSuccess).toHaveBeenCalledTimes(1));
    expect(getTokens()).toEqual({ access: "A1", refresh: "R1" });
    expect(store.getState().session.status).toBe("authenticated");
  });

  it("keeps the known-device token and sends it with the next login to the same account only", async () => {
    const { user, stub } = renderForm(() => ({
      status: 200,
      body: { access: "A1", refresh: "R1", user: USER, device_token: "device-for-minji" },
    }));
    const login = async (email: string) => {
      await user.clear(screen.getByLabelText("이메일"));
      await user.type(screen.getByLabelText("이메일"), email);
      await user.clear(screen.getByLabelText("비밀번호"));
      await user.type(screen.getByLabelText("비밀번호"), "correct-horse");
      await user.click(screen.getByRole("button", { name: "로그인" }));
      await waitFor(() => expect(screen.getByRole("button", { name: "로그인" })).toBeEnabled());
    };

    await login("minji@example.com");
    await login("Minji@Example.com");
    await login("someone-else@example.com");

    expect(stub.requests.map((request) => request.body)).toEqual([
      { email: "minji@example.com", password: "correct-horse" },
      { email: "Minji@Example.com", password: "correct-horse", device_token: "device-for-minji" },
      { email: "someone-else@example.com", password: "correct-horse" },
    ]);
  });

  it("explains an unverified address and offers the action the page gives it", async () => {
    const stub = createFetchStub(() => ({ status: 403, body: envelope("email_not_verified", "Confirm first.") }));
    vi.stubGlobal("fetch", stub.fetch);
    renderWithProviders(<LoginForm notVerifiedAction={(email) => <button type="button">resend to {email}</button>} />, {
      slices: [sessionSlice],
    });
    const user = userEvent.setup();

    await user.type(screen.getByLabelText("이메일"), "new@example.com");
    await user.type(screen.getByLabelText("비밀번호"), "correct-horse");
    await user.click(screen.getByRole("button", { name: "로그인" }));

    expect(await screen.findByText(/먼저 이메일 주소를 확인해 주세요/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "resend to new@example.com" })).toBeInTheDocument();
    expect(getTokens()).toBeNull();
  });

  it("speaks English when the UI does", async () => {
    const stub = createFetchStub(() => ({ status: 401, body: envelope("invalid_credentials") }));
    vi.stubGlobal("fetch", stub.fetch);
    renderWithProviders(<LoginForm />, { locale: "en", slices: [sessionSlice] });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Email"), "a@b.co");
    await user.type(screen.getByLabelText("Password"), "nope-nope");
    await user.click(screen.getByRole("button", { name: "Log in" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Incorrect email or password.");
  });
});

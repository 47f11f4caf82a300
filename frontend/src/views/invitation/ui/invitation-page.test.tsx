import { screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";

import type { InvitationPreview } from "@/entities/project";
import { sessionRestored, sessionSlice } from "@/entities/session";
import { setTokens } from "@/shared/api";
import { createFetchStub, envelope, renderWithProviders, type StubResponse } from "@/shared/lib/test";

import { InvitationPage } from "./invitation-page";

vi.mock("next/navigation", () => ({
  useParams: () => ({ token: "tok-1" }),
  useRouter: () => ({ push: vi.fn(), replace: vi.fn() }),
}));

const preview: InvitationPreview = {
  email: "alex@example.com",
  role: "editor",
  state: "pending",
  expires_at: "2026-12-01T00:00:00Z",
  inviter: "한지민",
  project: { id: "p1", name: "브랜드 필름" },
};

function render(previewAnswer: StubResponse, me: { email: string } | null) {
  if (me) setTokens({ access: "A", refresh: "R" });
  vi.stubGlobal(
    "fetch",
    createFetchStub(({ path }) =>
      path.endsWith("/users/me/") ? { status: 200, body: { id: "u2", ...me } } : previewAnswer,
    ).fetch,
  );
  const view = renderWithProviders(<InvitationPage />, { slices: [sessionSlice] });
  view.store.dispatch(sessionRestored({ hasTokens: Boolean(me) }));
  return view;
}

describe("the invitation page", () => {
  it("logged out: explains who to log in as and comes back here after login", async () => {
    render({ status: 200, body: preview }, null);
    expect(await screen.findByText("브랜드 필름 프로젝트에 초대되었습니다")).toBeVisible();
    expect(screen.getByRole("link", { name: "로그인하고 수락하기" })).toHaveAttribute(
      "href",
      "/login?next=%2Finvitations%2Ftok-1",
    );
    expect(screen.queryByRole("button", { name: "초대 수락" })).toBeNull();
  });

  it("signed in with the invited address: offers to accept", async () => {
    render({ status: 200, body: preview }, { email: "Alex@Example.com" });
    expect(await screen.findByRole("button", { name: "초대 수락" })).toBeEnabled();
  });

  it("signed in as someone else: says so and offers nothing to click", async () => {
    render({ status: 200, body: preview }, { email: "other@example.com" });
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "이 초대는 다른 이메일(alex@example.com)로 보내졌습니다. 지금은 other@example.com(으)로 로그인되어 있습니다.",
    );
    expect(screen.queryByRole("button", { name: "초대 수락" })).toBeNull();
  });

  it.each([
    ["expired", "초대가 만료되었습니다."],
    ["revoked", "이 초대는 취소되었습니다."],
    ["accepted", "이미 사용된 초대입니다."],
  ] as const)("an invitation that is %s cannot be accepted", async (state, message) => {
    render({ status: 200, body: { ...preview, state } }, { email: "alex@example.com" });
    expect(await screen.findByText(new RegExp(message))).toBeVisible();
    expect(screen.queryByRole("button", { name: "초대 수락" })).toBeNull();
  });

  it("an unknown token is a clear not-found", async () => {
    render({ status: 404, body: envelope("not_found", "Not found.") }, null);
    expect(await screen.findByRole("alert")).toHaveTextContent("초대를 찾을 수 없습니다. 링크를 다시 확인하세요.");
  });
});

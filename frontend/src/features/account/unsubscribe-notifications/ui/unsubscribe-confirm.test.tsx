import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";

import { createFetchStub, renderWithProviders } from "@/shared/lib/test";

import { UnsubscribeConfirm } from "./unsubscribe-confirm";

afterEach(() => vi.unstubAllGlobals());

const LINK = { email: "e***@example.com", kinds: ["mention"], preferences: [{ kind: "mention", mode: "instant" }] };

describe("UnsubscribeConfirm", () => {
  it("names what stops and stops its e-mail with one POST", async () => {
    const stub = createFetchStub((request) =>
      request.method === "POST"
        ? { status: 200, body: { ...LINK, preferences: [{ kind: "mention", mode: "in_app" }] } }
        : { status: 200, body: LINK },
    );
    vi.stubGlobal("fetch", stub.fetch);
    renderWithProviders(<UnsubscribeConfirm token="abc:def" />);
    const user = userEvent.setup();

    expect(await screen.findByText("e***@example.com 주소로 이 종류의 알림 메일을 그만 받으시겠어요? 앱 안의 알림은 계속 표시됩니다.")).toBeInTheDocument();
    expect(screen.getByText("멘션")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "수신 거부" }));

    expect(await screen.findByRole("status")).toHaveTextContent("이제 이 알림 메일을 받지 않습니다");
    expect(stub.requests.at(-1)).toMatchObject({ method: "POST", path: "/api/v1/notifications/unsubscribe/abc%3Adef/" });
  }, 20_000);

  it("says so when the link is not valid", async () => {
    const stub = createFetchStub(() => ({
      status: 400,
      body: { error: { code: "unsubscribe_link_invalid", message: "x", details: {}, request_id: "r" } },
    }));
    vi.stubGlobal("fetch", stub.fetch);
    renderWithProviders(<UnsubscribeConfirm token="forged" />);

    expect(await screen.findByRole("alert")).toHaveTextContent("수신 거부 링크가 올바르지 않습니다");
    expect(screen.queryByRole("button")).not.toBeInTheDocument();
  }, 20_000);
});

import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";

import { createFetchStub, renderWithProviders } from "@/shared/lib/test";

import { NotificationPreferencesForm } from "./preferences-form";

afterEach(() => vi.unstubAllGlobals());

const DEFAULTS = [
  { kind: "mention", mode: "instant" },
  { kind: "reply", mode: "digest" },
  { kind: "comment", mode: "digest" },
  { kind: "review", mode: "instant" },
  { kind: "version", mode: "digest" },
  { kind: "approval", mode: "instant" },
  { kind: "team", mode: "digest" },
  { kind: "alert", mode: "digest" },
];

describe("NotificationPreferencesForm", () => {
  it("shows every kind with its mode and saves a change with one PUT", async () => {
    const stub = createFetchStub((request) => {
      if (request.method === "PUT") {
        const kinds = (request.body as { kinds: { kind: string; mode: string }[] }).kinds;
        return { status: 200, body: { kinds } };
      }
      return { status: 200, body: { kinds: DEFAULTS } };
    });
    vi.stubGlobal("fetch", stub.fetch);
    renderWithProviders(<NotificationPreferencesForm />);
    const user = userEvent.setup();

    expect(await screen.findByRole("radio", { name: "멘션: 바로" })).toBeChecked();
    expect(screen.getByRole("radio", { name: "내 코멘트에 대한 답글: 하루 요약" })).toBeChecked();
    expect(screen.getAllByRole("radio")).toHaveLength(8 * 4);

    await user.click(screen.getByRole("radio", { name: "멘션: 하루 요약" }));
    await user.click(screen.getByRole("radio", { name: "초대와 팀 변경: 끄기" }));
    await user.click(screen.getByRole("button", { name: "저장" }));

    expect(await screen.findByRole("status")).toHaveTextContent("알림 설정을 저장했습니다");
    const put = stub.requests.find((request) => request.method === "PUT");
    expect(put).toMatchObject({ path: "/api/v1/notifications/preferences/" });
    expect(put?.body).toEqual({
      kinds: DEFAULTS.map((item) =>
        item.kind === "mention" ? { kind: "mention", mode: "digest" } : item.kind === "team" ? { kind: "team", mode: "off" } : item,
      ),
    });
    expect(screen.getByRole("radio", { name: "멘션: 하루 요약" })).toBeChecked();
  }, 20_000); // 32 radios: slow on a busy 2-core machine

  it("tells what the server refused", async () => {
    const stub = createFetchStub((request) =>
      request.method === "PUT"
        ? {
            status: 400,
            body: {
              error: { code: "validation_error", message: "제출한 데이터가 올바르지 않습니다.", details: { kinds: ["x"] }, request_id: "r1" },
            },
          }
        : { status: 200, body: { kinds: DEFAULTS } },
    );
    vi.stubGlobal("fetch", stub.fetch);
    renderWithProviders(<NotificationPreferencesForm />);
    const user = userEvent.setup();

    await user.click(await screen.findByRole("radio", { name: "멘션: 앱에서만" }));
    await user.click(screen.getByRole("button", { name: "저장" }));

    expect(await screen.findByRole("alert")).toBeInTheDocument();
    expect(screen.queryByText("알림 설정을 저장했습니다.")).not.toBeInTheDocument();
  }, 20_000);
});

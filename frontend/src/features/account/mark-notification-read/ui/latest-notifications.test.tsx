import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import type { Notification } from "@/entities/notification";
import { setTokens } from "@/shared/api";
import { createFetchStub, envelope, renderWithProviders, type StubResponse } from "@/shared/lib/test";

import { LatestNotifications } from "./latest-notifications";

function notification(n: number): Notification {
  return {
    id: `n${n}`,
    verb: "mention",
    title: `알림 ${n}`,
    body: "",
    data: {},
    url: `/projects/p1?n=${n}`,
    read_at: null,
    created_at: "2026-11-23T09:00:00Z",
  };
}

function serve(list: () => StubResponse) {
  setTokens({ access: "A", refresh: "R" });
  const stub = createFetchStub(async ({ method, path }) => {
    if (path === "/api/v1/notifications/") return list();
    if (path.endsWith("/unread-count/")) return { status: 200, body: { count: 3 } };
    if (method === "POST" && path.endsWith("/read/")) return { status: 200, body: { ...notification(1), read_at: "2026-11-23T10:00:00Z" } };
    return { status: 404, body: envelope("not_found") };
  });
  vi.stubGlobal("fetch", stub.fetch);
  return stub;
}

describe("LatestNotifications", () => {
  it("shows the latest `limit` notifications; opening one tells the caller and marks it read", async () => {
    const stub = serve(() => ({ status: 200, body: { next: null, previous: null, results: [1, 2, 3].map(notification) } }));
    const onOpen = vi.fn();
    renderWithProviders(<LatestNotifications limit={2} testId="latest" onOpen={onOpen} />);

    const list = await screen.findByTestId("latest");
    expect(screen.getAllByTestId("notification-item").map((item) => item.textContent)).toEqual([
      expect.stringContaining("알림 1"),
      expect.stringContaining("알림 2"),
    ]);
    expect(list).not.toHaveTextContent("알림 3");

    await userEvent.click(screen.getByRole("link", { name: "알림 1" }));
    expect(onOpen).toHaveBeenCalledOnce();
    await waitFor(() =>
      expect(stub.requests).toContainEqual(expect.objectContaining({ method: "POST", path: "/api/v1/notifications/n1/read/" })),
    );
  });

  it("says when there is nothing yet", async () => {
    serve(() => ({ status: 200, body: { next: null, previous: null, results: [] } }));
    renderWithProviders(<LatestNotifications limit={5} testId="latest" />);
    expect(await screen.findByText("알림이 없습니다")).toBeInTheDocument();
    expect(screen.queryByTestId("latest")).not.toBeInTheDocument();
  });

  it("offers a retry when loading fails, and shows the list once it works", async () => {
    let fail = true;
    serve(() =>
      fail
        ? { status: 503, body: envelope("service_unavailable") }
        : { status: 200, body: { next: null, previous: null, results: [notification(1)] } },
    );
    renderWithProviders(<LatestNotifications limit={5} />);
    expect(await screen.findByText("알림을 불러오지 못했습니다.")).toBeInTheDocument();

    fail = false;
    await userEvent.click(screen.getByRole("button", { name: "다시 시도" }));
    expect(await screen.findByRole("link", { name: "알림 1" })).toBeInTheDocument();
  });
});

import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { notificationApi, type Notification } from "@/entities/notification";
import { setTokens } from "@/shared/api";
import { createFetchStub, envelope, renderWithProviders } from "@/shared/lib/test";
import { ToastProvider } from "@/shared/ui";

import { MarkAllReadButton, MarkReadButton } from "../ui/mark-read-buttons";

const item: Notification = {
  id: "n1",
  verb: "mention",
  title: "민지님이 회원님을 언급했습니다",
  body: "",
  data: {},
  url: null,
  read_at: null,
  created_at: "2026-03-01T09:00:00Z",
};

function setup(respond: (path: string) => { status: number; body?: unknown }) {
  setTokens({ access: "A", refresh: "R" });
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const stub = createFetchStub(async ({ path }) => {
    if (path.endsWith("/unread-count/")) return { status: 200, body: { count: 1 } };
    if (path === "/api/v1/notifications/") return { status: 200, body: { next: null, previous: null, results: [item] } };
    await gate; // hold the write so the optimistic state can be observed
    return respond(path);
  });
  vi.stubGlobal("fetch", stub.fetch);
  return { stub, release: () => release() };
}

async function primeCache(store: ReturnType<typeof renderWithProviders>["store"]) {
  await store.dispatch(notificationApi.endpoints.listNotifications.initiate({ unread: false }));
  await store.dispatch(notificationApi.endpoints.getUnreadCount.initiate());
}

function cached(store: ReturnType<typeof renderWithProviders>["store"]) {
  const state = store.getState();
  return {
    readAt: notificationApi.endpoints.listNotifications.select({ unread: false })(state).data?.pages[0]?.results[0]?.read_at,
    count: notificationApi.endpoints.getUnreadCount.select()(state).data?.count,
  };
}

describe("marking notifications read", () => {
  it("updates the list and the badge before the server answers", async () => {
    const { release, stub } = setup(() => ({ status: 200, body: { ...item, read_at: "2026-03-01T10:00:00Z" } }));
    const { store } = renderWithProviders(<MarkReadButton notification={item} />);
    await primeCache(store);

    await userEvent.click(screen.getByRole("button", { name: `읽음으로 표시: ${item.title}` }));
    expect(cached(store).readAt).not.toBeNull();
    expect(cached(store).count).toBe(0);

    release();
    await waitFor(() => expect(cached(store).readAt).toBe("2026-03-01T10:00:00Z"));
    expect(stub.requests.at(-1)).toMatchObject({ method: "POST", path: "/api/v1/notifications/n1/read/" });
  });

  it("undoes the change and says so when the server refuses", async () => {
    const { release } = setup(() => ({ status: 500, body: envelope("server_error") }));
    const { store } = renderWithProviders(
      <ToastProvider closeLabel="닫기">
        <MarkAllReadButton />
      </ToastProvider>,
    );
    await primeCache(store);

    await userEvent.click(screen.getByRole("button", { name: "모두 읽음으로 표시" }));
    expect(cached(store).count).toBe(0);

    release();
    expect(await screen.findByRole("alert")).toHaveTextContent("알림 상태를 변경하지 못했습니다.");
    expect(cached(store)).toEqual({ readAt: null, count: 1 });
  });
});

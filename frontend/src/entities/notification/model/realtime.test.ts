import { combineSlices, configureStore, createListenerMiddleware } from "@reduxjs/toolkit";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { baseApi, setTokens } from "@/shared/api";
import type { ApiRootState, AppThunkDispatch } from "@/shared/lib/redux";
import { createFetchStub } from "@/shared/lib/test";
import { wsEventReceived } from "@/shared/ws";

import { notificationApi } from "../api/notification-api";
import { registerNotificationRealtime } from "./realtime";
import type { Notification } from "./types";

function notification(id: string, overrides: Partial<Notification> = {}): Notification {
  return {
    id,
    verb: "mention",
    title: `Title ${id}`,
    body: "",
    data: {},
    url: null,
    read_at: null,
    created_at: "2026-03-01T09:00:00Z",
    ...overrides,
  };
}

function makeStore() {
  const listener = createListenerMiddleware<ApiRootState, AppThunkDispatch>();
  registerNotificationRealtime(listener);
  return configureStore({
    reducer: combineSlices(baseApi),
    middleware: (getDefault) => getDefault().prepend(listener.middleware).concat(baseApi.middleware),
  });
}

beforeEach(() => {
  setTokens({ access: "A", refresh: "R" });
  const stub = createFetchStub(({ path, search }) => {
    if (path === "/api/v1/notifications/unread-count/") return { status: 200, body: { count: 1 } };
    if (search.includes("unread=true")) return { status: 200, body: { next: null, previous: null, results: [notification("n1")] } };
    return {
      status: 200,
      body: { next: null, previous: null, results: [notification("n1"), notification("n0", { read_at: "2026-02-01T00:00:00Z" })] },
    };
  });
  vi.stubGlobal("fetch", stub.fetch);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("notification.created from the socket", () => {
  it("goes on top of every cached list and bumps the unread count, without refetching", async () => {
    const store = makeStore();
    await store.dispatch(notificationApi.endpoints.listNotifications.initiate({ unread: false }));
    await store.dispatch(notificationApi.endpoints.listNotifications.initiate({ unread: true }));
    await store.dispatch(notificationApi.endpoints.getUnreadCount.initiate());
    const fetches = vi.mocked(fetch).mock.calls.length;

    store.dispatch(
      wsEventReceived({ stream: "user:1", type: "notification.created", seq: 5, ts: null, data: notification("n2", { title: "새 피드백" }) }),
    );

    const state = store.getState();
    const all = notificationApi.endpoints.listNotifications.select({ unread: false })(state).data;
    const unread = notificationApi.endpoints.listNotifications.select({ unread: true })(state).data;
    expect(all?.pages[0]?.results.map((n) => n.id)).toEqual(["n2", "n1", "n0"]);
    expect(unread?.pages[0]?.results.map((n) => n.id)).toEqual(["n2", "n1"]);
    expect(notificationApi.endpoints.getUnreadCount.select()(state).data).toEqual({ count: 2 });
    expect(vi.mocked(fetch).mock.calls.length).toBe(fetches);
  });

  it("ignores a notification it already has, and events of other types", async () => {
    const store = makeStore();
    await store.dispatch(notificationApi.endpoints.listNotifications.initiate({ unread: false }));
    await store.dispatch(notificationApi.endpoints.getUnreadCount.initiate());

    store.dispatch(wsEventReceived({ stream: "user:1", type: "notification.created", seq: 6, ts: null, data: notification("n1") }));
    store.dispatch(wsEventReceived({ stream: "user:1", type: "presence.update", seq: null, ts: null, data: {} }));
    store.dispatch(wsEventReceived({ stream: "user:1", type: "notification.created", seq: 7, ts: null, data: { bogus: true } }));

    const state = store.getState();
    expect(notificationApi.endpoints.listNotifications.select({ unread: false })(state).data?.pages[0]?.results).toHaveLength(2);
    expect(notificationApi.endpoints.getUnreadCount.select()(state).data).toEqual({ count: 1 });
  });

  it("refetches on other notification events it cannot apply itself", async () => {
    const store = makeStore();
    const subscription = store.dispatch(notificationApi.endpoints.getUnreadCount.initiate());
    await subscription;
    const before = vi.mocked(fetch).mock.calls.length;

    store.dispatch(wsEventReceived({ stream: "user:1", type: "notification.read", seq: 8, ts: null, data: { ids: ["n1"] } }));

    await vi.waitFor(() => expect(vi.mocked(fetch).mock.calls.length).toBe(before + 1));
    subscription.unsubscribe();
  });
});

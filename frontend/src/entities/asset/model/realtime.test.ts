import { combineSlices, configureStore, createListenerMiddleware } from "@reduxjs/toolkit";
import { describe, expect, it, vi } from "vitest";

import { baseApi, setTokens } from "@/shared/api";
import type { ApiRootState, AppThunkDispatch } from "@/shared/lib/redux";
import { createFetchStub } from "@/shared/lib/test";
import { wsEventReceived } from "@/shared/ws";

import { assetApi } from "../api/asset-api";
import { registerReviewProjectRealtime } from "./realtime";

async function setup() {
  setTokens({ access: "A", refresh: "R" });
  let role = "reviewer";
  const stub = createFetchStub(({ path }) =>
    path.endsWith("/members/")
      ? { status: 200, body: [] }
      : { status: 200, body: { id: "p1", name: "광고", my_role: role } },
  );
  vi.stubGlobal("fetch", stub.fetch);
  const listener = createListenerMiddleware<ApiRootState, AppThunkDispatch>();
  registerReviewProjectRealtime(listener);
  const store = configureStore({
    reducer: combineSlices(baseApi),
    middleware: (getDefault) => getDefault({ serializableCheck: false }).prepend(listener.middleware).concat(baseApi.middleware),
  });
  store.dispatch(assetApi.endpoints.getReviewProject.initiate("p1"));
  store.dispatch(assetApi.endpoints.listReviewMembers.initiate("p1"));
  await vi.waitFor(() => expect(stub.requests).toHaveLength(2));
  const myRole = () => assetApi.endpoints.getReviewProject.select("p1")(store.getState()).data?.my_role;
  const send = (type: string, stream = "project:p1") => store.dispatch(wsEventReceived({ stream, type, seq: 1, ts: null, data: {} }));
  return { stub, myRole, send, promote: () => (role = "editor") };
}

describe("registerReviewProjectRealtime", () => {
  it("refetches the room's project and members when membership changes on the project stream", async () => {
    const { stub, myRole, send, promote } = await setup();
    expect(myRole()).toBe("reviewer");

    promote();
    send("member.role_changed");
    await vi.waitFor(() => expect(myRole()).toBe("editor"));
    expect(stub.requests.filter((request) => request.path.endsWith("/members/"))).toHaveLength(2);
  });

  it("ignores other streams and other events", async () => {
    const { stub, send } = await setup();
    send("member.joined", "project:other");
    send("phase.created");
    send("feedback.created", "version:v1");
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stub.requests).toHaveLength(2);
  });
});

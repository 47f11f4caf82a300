import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";

import { feedbackApi } from "@/entities/feedback";
import { setTokens } from "@/shared/api";
import { createFetchStub, envelope, renderWithProviders } from "@/shared/lib/test";
import { ToastProvider } from "@/shared/ui";

import { ResolveButton } from "./resolve-button";

const item = {
  id: "f1",
  version_id: "v1",
  parent_id: null,
  frame: 12,
  fps: 25,
  body: "컷이 튀어요",
  resolved: false,
  resolved_at: null,
  deleted: false,
  created_at: "2026-03-01T09:00:00Z",
  replies: [],
};

afterEach(() => vi.unstubAllGlobals());

describe("resolving a comment", () => {
  it("flips at once and rolls back with a message when the server refuses", async () => {
    setTokens({ access: "A", refresh: "R" });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    vi.stubGlobal(
      "fetch",
      createFetchStub(async ({ method }) => {
        if (method === "GET") return { status: 200, body: { next: null, previous: null, results: [item] } };
        await gate;
        return { status: 403, body: envelope("permission_denied", "권한이 없습니다.") };
      }).fetch,
    );
    const { store } = renderWithProviders(
      <ToastProvider closeLabel="닫기">
        <ResolveButton versionId="v1" feedbackId="f1" resolved={false} />
      </ToastProvider>,
    );
    await store.dispatch(feedbackApi.endpoints.listFeedback.initiate("v1"));
    const resolved = () => feedbackApi.endpoints.listFeedback.select("v1")(store.getState()).data?.entities.f1?.resolved;

    await userEvent.click(screen.getByRole("button", { name: "해결" }));
    expect(resolved()).toBe(true);
    release();
    await waitFor(() => expect(resolved()).toBe(false));
    expect(await screen.findByText(/상태를 바꾸지 못했습니다/)).toBeInTheDocument();
  });
});

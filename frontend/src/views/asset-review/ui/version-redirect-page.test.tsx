import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";

import { setTokens } from "@/shared/api";
import { createFetchStub, envelope, renderWithProviders } from "@/shared/lib/test";

import { VersionRedirectPage } from "./version-redirect-page";

const navigation = vi.hoisted(() => ({ replace: vi.fn(), query: "" }));

vi.mock("next/navigation", () => ({
  useRouter: () => ({ push: vi.fn(), replace: navigation.replace }),
  useSearchParams: () => new URLSearchParams(navigation.query),
}));

function open(query: string, answer: { status: number; body: unknown }) {
  navigation.query = query;
  navigation.replace.mockClear();
  setTokens({ access: "A", refresh: "R" });
  const stub = createFetchStub(({ path }) => (path.endsWith("/versions/v2/") ? answer : { status: 404, body: envelope("not_found", "Not found.") }));
  vi.stubGlobal("fetch", stub.fetch);
  renderWithProviders(<VersionRedirectPage versionId="v2" />);
}

describe("the version link page", () => {
  it("opens the asset's room on that version with the comment and the frame the link asked for", async () => {
    open("feedback=f9&frame=1200&version=stale", { status: 200, body: { id: "v2", asset_id: "a1" } });
    await waitFor(() => expect(navigation.replace).toHaveBeenCalledTimes(1));
    const target = new URL(navigation.replace.mock.calls[0]![0] as string, "http://x");
    expect(target.pathname).toBe("/assets/a1");
    expect(Object.fromEntries(target.searchParams)).toEqual({ feedback: "f9", frame: "1200", version: "v2" });
  });

  it("a version that is gone (or not yours) says not found and goes nowhere", async () => {
    open("", { status: 404, body: envelope("not_found", "Not found.") });
    expect(await screen.findByText(/찾을 수 없/)).toBeVisible();
    expect(navigation.replace).not.toHaveBeenCalled();
  });
});

import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";

import { sessionSlice } from "@/entities/session";
import { createFetchStub, renderWithProviders } from "@/shared/lib/test";

import { ShareReviewPage } from "./share-review-page";

afterEach(() => vi.unstubAllGlobals());

const refusal = (status: number, code: string) => ({
  status,
  body: { error: { code, message: "x", details: {}, request_id: "r" } },
});

describe("ShareReviewPage with a link that does not work", () => {
  it.each([
    [410, "share_link_expired", "이 링크는 만료되었습니다."],
    [404, "not_found", "링크를 찾을 수 없습니다."],
  ])("says why (%s) and offers a way on", async (status, code, title) => {
    vi.stubGlobal("fetch", createFetchStub(() => refusal(status, code)).fetch);
    renderWithProviders(<ShareReviewPage token="bad-token" />, { slices: [sessionSlice] });

    // The page's one level-one heading says why, in its main landmark (the top bar is the banner).
    const main = screen.getByRole("main");
    expect(await within(main).findByRole("heading", { level: 1, name: title })).toBeInTheDocument();
    expect(screen.getAllByRole("heading", { level: 1 })).toHaveLength(1);
    expect(within(screen.getByRole("banner")).getByRole("group", { name: "언어" })).toBeInTheDocument();
    expect(within(main).getByText("링크를 보낸 사람에게 새 링크를 요청하세요.")).toBeInTheDocument();
    expect(within(main).getByRole("link", { name: "VideoPlanet으로 이동" })).toHaveAttribute("href", "/");
  }, 20_000);
});

describe("ShareReviewPage's language switch", () => {
  it("turns the guest page to English and remembers it in the cookie", async () => {
    vi.stubGlobal("fetch", createFetchStub(() => refusal(410, "share_link_expired")).fetch);
    renderWithProviders(<ShareReviewPage token="old-token" />, { slices: [sessionSlice] });
    expect(await screen.findByText("이 링크는 만료되었습니다.")).toBeInTheDocument();

    await userEvent.click(within(screen.getByRole("group", { name: "언어" })).getByRole("button", { name: "English" }));

    expect(await screen.findByText("This link has expired.")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Go to VideoPlanet" })).toBeInTheDocument();
    expect(document.cookie).toContain("vp_locale=en");
  }, 20_000);
});

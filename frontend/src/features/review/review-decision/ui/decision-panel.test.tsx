import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createRef } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";

import type { AttentionRange } from "@/entities/attention";
import type { Version } from "@/entities/version";
import { setTokens } from "@/shared/api";
import { createFetchStub, renderWithProviders } from "@/shared/lib/test";
import { ToastProvider } from "@/shared/ui";

import { DecisionPanel } from "./decision-panel";

const reviewer = { id: "u-rev", email: "rev@example.com", display_name: "리뷰어 김", avatar: null };

const version = {
  id: "v1",
  status: "ready",
  review_status: "in_review",
  decisions: [] as Version["decisions"],
  required_reviewers: [],
} as unknown as Version;

const gap: AttentionRange = { start_frame: 1000, end_frame: 1750, start: 40, end: 70 };

function stubServer() {
  const stub = createFetchStub(({ method, path }) => {
    if (method === "PATCH") return { status: 200, body: { ...version, review_status: "approved" } };
    if (path.endsWith("/attention/"))
      return {
        status: 200,
        body: {
          decisions: [{ reviewer, decision: "approved", watched_percent: 72.4, unwatched: [gap], decided_at: "2026-03-01T09:00:00Z" }],
        },
      };
    return { status: 404, body: {} };
  });
  vi.stubGlobal("fetch", stub.fetch);
  return stub;
}

function renderPanel(props: Partial<Parameters<typeof DecisionPanel>[0]> = {}, locale: "ko" | "en" = "ko") {
  setTokens({ access: "A", refresh: "R" });
  return renderWithProviders(
    <ToastProvider closeLabel="닫기">
      <DecisionPanel version={version} myId={reviewer.id} canDecide {...props} />
    </ToastProvider>,
    { locale },
  );
}

afterEach(() => vi.unstubAllGlobals());

describe("deciding before watching everything", () => {
  it("warns which parts were not watched, and approves when confirmed", async () => {
    const stub = stubServer();
    const checkUnwatched = vi.fn(async () => [gap]);
    renderPanel({ checkUnwatched });

    await userEvent.click(screen.getByRole("button", { name: "승인" }));

    const warning = await screen.findByTestId("unwatched-warning");
    expect(warning).toHaveTextContent("아직 00:40–01:10 구간을 보지 않았습니다.");
    expect(stub.requests.filter((request) => request.method === "PATCH")).toHaveLength(0);

    await userEvent.click(screen.getByRole("button", { name: "그래도 승인" }));

    await waitFor(() => expect(stub.requests.filter((request) => request.method === "PATCH")).toHaveLength(1));
    expect(stub.requests.find((request) => request.method === "PATCH")?.body).toEqual({ review_status: "approved" });
    expect(screen.queryByTestId("unwatched-warning")).toBeNull();
  });

  it("says it in English too, and 'watch first' leaves the decision unmade", async () => {
    const stub = stubServer();
    renderPanel({ checkUnwatched: async () => [gap] }, "en");

    await userEvent.click(screen.getByRole("button", { name: "Request changes" }));
    expect(await screen.findByTestId("unwatched-warning")).toHaveTextContent("You have not watched 00:40–01:10.");
    await userEvent.click(screen.getByRole("button", { name: "Watch first" }));

    expect(screen.queryByTestId("unwatched-warning")).toBeNull();
    expect(stub.requests.filter((request) => request.method === "PATCH")).toHaveLength(0);
  });

  it("decides at once when everything was watched", async () => {
    const stub = stubServer();
    renderPanel({ checkUnwatched: async () => [] });

    await userEvent.click(screen.getByRole("button", { name: "승인" }));

    await waitFor(() => expect(stub.requests.filter((request) => request.method === "PATCH")).toHaveLength(1));
    expect(screen.queryByTestId("unwatched-warning")).toBeNull();
  });
});

describe("what a decision was based on", () => {
  const decided = { ...version, decisions: [{ reviewer, decision: "approved", comment: "", decided_at: "2026-03-01T09:00:00Z" }] } as unknown as Version;

  it("the team sees how much the reviewer had watched", async () => {
    stubServer();
    renderWithProviders(<DecisionPanel version={decided} myId="u-editor" canDecide={false} canSeeAttention />);

    const basis = await screen.findByTestId("decision-basis");
    expect(basis).toHaveTextContent("본 비율 72%");
    expect(basis).toHaveAttribute("title", "결정할 때 72%를 봄. 안 본 구간: 00:40–01:10");
  });

  it("reviewers see no one's share", () => {
    const stub = stubServer();
    renderWithProviders(<DecisionPanel version={decided} myId={reviewer.id} canDecide />);

    expect(screen.queryByTestId("decision-basis")).toBeNull();
    expect(stub.requests.some((request) => request.path.includes("attention"))).toBe(false);
  });
});

describe("the decision's bar", () => {
  it("holds the title, the status and the buttons a layout keeps in view, not the note or the list", () => {
    stubServer();
    const bar = createRef<HTMLDivElement>();
    renderPanel({ barRef: bar });

    expect(bar.current).not.toBeNull();
    const inBar = within(bar.current!);
    expect(inBar.getByRole("heading", { name: "승인" })).toBeInTheDocument();
    expect(inBar.getByRole("button", { name: "승인" })).toBeInTheDocument();
    expect(inBar.getByRole("button", { name: "수정 요청" })).toBeInTheDocument();
    expect(inBar.queryByRole("textbox")).toBeNull();
    expect(screen.getByRole("textbox")).toBeInTheDocument();
  });

  it("is the title and status alone for someone who may not decide", () => {
    stubServer();
    const bar = createRef<HTMLDivElement>();
    renderPanel({ barRef: bar, canDecide: false });

    expect(within(bar.current!).getByRole("heading", { name: "승인" })).toBeInTheDocument();
    expect(within(bar.current!).queryByRole("button")).toBeNull();
  });
});

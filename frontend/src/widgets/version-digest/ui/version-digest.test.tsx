import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { DigestJob, VersionDigest as Digest } from "@/entities/version-digest";
import { setTokens } from "@/shared/api";
import { createFetchStub, envelope, makeTestStore, renderWithProviders, type StubResponse, type TestStore } from "@/shared/lib/test";
import { wsEventReceived } from "@/shared/ws";

import { VersionDigest } from "./version-digest";

const VERSION = "7f1c0000-0000-4000-8000-000000000001";
const COLOUR_1 = "fb000000-0000-4000-8000-000000000001";
const COLOUR_2 = "fb000000-0000-4000-8000-000000000002";
const SOUND = "fb000000-0000-4000-8000-000000000003";

const job: DigestJob = {
  id: "j0000000-0000-4000-8000-000000000001",
  status: "queued",
  risk_reasons: [],
  risk_factors: [],
  estimated_cost_usd: "0.001",
  cost_usd: "0",
  error_code: "",
  error: "",
};

function digest(overrides: Partial<Digest> = {}): Digest {
  return {
    id: "d0000000-0000-4000-8000-000000000001",
    project: "p1",
    version: VERSION,
    status: "queued",
    job: { ...job, risk_reasons: [] },
    requested_by: null,
    language: "ko",
    result: null,
    feedback_count: 0,
    dropped_ids_count: 0,
    created_at: "2026-11-23T10:00:00Z",
    finished_at: null,
    ...overrides,
  };
}

const finished = digest({
  status: "succeeded",
  job: { ...job, status: "succeeded", risk_reasons: [] },
  feedback_count: 3,
  dropped_ids_count: 1,
  finished_at: "2026-11-23T10:01:00Z",
  result: {
    overview: "색과 음악 볼륨이 주된 요청입니다.",
    groups: [
      { category: "colour", points: [{ text: "전체 색감을 따뜻하게", feedback_ids: [COLOUR_1, COLOUR_2] }] },
      { category: "sound", points: [{ text: "음악 볼륨을 낮추기", feedback_ids: [SOUND] }] },
    ],
  },
});

// The review room keeps its list in timeline order (frame, then creation).
const at = { fps: 25, created_at: "2026-03-01T09:00:00Z", replies: [] };
const feedbackList = [
  { id: COLOUR_1, smpte: "00:00:01:05", frame: 30, ...at },
  { id: COLOUR_2, smpte: "00:00:04:00", frame: 100, ...at },
  { id: SOUND, smpte: "00:00:07:12", frame: 187, ...at },
];

let latest: StubResponse;
let onPost: () => StubResponse;

function setup() {
  setTokens({ access: "A", refresh: "R" });
  const stub = createFetchStub(({ method, path }) => {
    if (path === `/api/v1/versions/${VERSION}/digest/`) return method === "POST" ? onPost() : latest;
    if (path === `/api/v1/versions/${VERSION}/feedback/`) {
      return { status: 200, body: { next: null, previous: null, results: feedbackList } };
    }
    return { status: 404, body: envelope("not_found") };
  });
  vi.stubGlobal("fetch", stub.fetch);
  return stub;
}

function event(store: TestStore, type: string, data: unknown) {
  act(() => {
    store.dispatch(wsEventReceived({ stream: `version:${VERSION}`, type, seq: 1, ts: null, data }));
  });
}

beforeEach(() => {
  latest = { status: 200, body: { digest: null } };
  onPost = () => ({ status: 202, body: digest() });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("VersionDigest", () => {
  it("asks for a digest, follows its progress live and shows it grouped by category", async () => {
    const stub = setup();
    const store = makeTestStore();
    const onSeek = vi.fn();
    renderWithProviders(<VersionDigest versionId={VERSION} canRequest onSeekToFeedback={onSeek} />, { store });

    expect(await screen.findByText("아직 요약이 없습니다")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "요약 요청" }));

    expect(stub.requests.some((r) => r.method === "POST" && r.path === `/api/v1/versions/${VERSION}/digest/`)).toBe(true);
    const bar = await screen.findByRole("progressbar", { name: "요약 진행률" });
    expect(bar).toHaveAttribute("aria-valuenow", "0");

    event(store, "digest.progress", { digest_id: digest().id, job_id: job.id, step: "summarising", percent: 30 });
    // RTK batches cache patches before telling subscribers, hence waitFor.
    await waitFor(() => expect(screen.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "30"));
    expect(screen.getByText("분야별로 정리하는 중…")).toBeInTheDocument();

    event(store, "digest.succeeded", { digest_id: finished.id, digest: finished });
    const colour = await screen.findByRole("region", { name: /색보정/ });
    expect(within(colour).getByText("전체 색감을 따뜻하게")).toBeInTheDocument();
    expect(screen.getByRole("region", { name: /사운드/ })).toBeInTheDocument();
    expect(screen.getByText("색과 음악 볼륨이 주된 요청입니다.")).toBeInTheDocument();
    expect(screen.getByText(/1건을 제외했습니다/)).toBeInTheDocument();

    // Each cited comment is a button labelled with its timecode that seeks the player.
    const cite = await within(colour).findByRole("button", { name: "00:00:04:00 코멘트로 이동" });
    await userEvent.click(cite);
    expect(onSeek).toHaveBeenCalledWith(COLOUR_2);
    expect(within(colour).getAllByRole("button")).toHaveLength(2);
  });

  it("shows the empty state for {digest: null} (a 200, no error) and offers no request to viewers", async () => {
    setup();
    renderWithProviders(<VersionDigest versionId={VERSION} canRequest={false} onSeekToFeedback={vi.fn()} />, {
      store: makeTestStore(),
      locale: "en",
    });

    expect(await screen.findByText(/No digest yet/i)).toBeInTheDocument();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Summarise/ })).not.toBeInTheDocument();
  });

  it("shows a stored digest in English and lets viewers read without asking", async () => {
    latest = { status: 200, body: { digest: finished } };
    setup();
    renderWithProviders(<VersionDigest versionId={VERSION} canRequest={false} onSeekToFeedback={vi.fn()} />, {
      store: makeTestStore(),
      locale: "en",
    });

    expect(await screen.findByRole("region", { name: /Colour/ })).toBeInTheDocument();
    expect(screen.getByText(/From 3 comments/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Summarise/ })).not.toBeInTheDocument();
  });

  it("says how to enable AI when the server has no key", async () => {
    onPost = () => ({ status: 503, body: envelope("ai_not_configured", "AI is not enabled.") });
    setup();
    renderWithProviders(<VersionDigest versionId={VERSION} canRequest onSeekToFeedback={vi.fn()} />, {
      store: makeTestStore(),
    });

    await userEvent.click(await screen.findByRole("button", { name: "요약 요청" }));
    expect(await screen.findByTestId("ai-not-configured")).toBeInTheDocument();
  });

  it("shows the budget refusal with the server's numbers", async () => {
    onPost = () => ({
      status: 402,
      body: envelope("budget_exceeded", "$19.99 spent of $20.00, this job is estimated at $0.02."),
    });
    setup();
    renderWithProviders(<VersionDigest versionId={VERSION} canRequest onSeekToFeedback={vi.fn()} />, {
      store: makeTestStore(),
    });

    await userEvent.click(await screen.findByRole("button", { name: "요약 요청" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("이번 달 AI 예산을 넘습니다.");
    expect(alert).toHaveTextContent("$19.99 spent of $20.00");
  });

  it("reports a failed digest and offers to ask again", async () => {
    latest = {
      status: 200,
      body: {
        digest: digest({ status: "needs_attention", job: { ...job, status: "needs_attention", error: "The AI server was failing." } }),
      },
    };
    setup();
    const store = makeTestStore();
    renderWithProviders(<VersionDigest versionId={VERSION} canRequest onSeekToFeedback={vi.fn()} />, { store });

    expect(await screen.findByRole("alert")).toHaveTextContent("The AI server was failing.");
    expect(screen.getByRole("button", { name: "다시 요약" })).toBeEnabled();
  });

  it("says when a costly digest waits for approval", async () => {
    latest = {
      status: 200,
      body: {
        digest: digest({ status: "awaiting_approval", job: {
            ...job,
            status: "awaiting_approval",
            risk_reasons: ["would take this month past 80 % of the budget"],
            risk_factors: [{ code: "near_budget", budget_share_percent: 80 }],
          },
        }),
      },
    };
    setup();
    renderWithProviders(<VersionDigest versionId={VERSION} canRequest onSeekToFeedback={vi.fn()} />, { store: makeTestStore() });

    expect(await screen.findByText(/승인을 기다리는 중입니다 \(이번 달 예산의 80%를 넘게 됩니다\)/)).toBeInTheDocument();
    expect(screen.getByText("승인 대기 중")).toBeInTheDocument();
  });

  it("folds to its header and unfolds on demand", async () => {
    latest = { status: 200, body: { digest: finished } };
    setup();
    renderWithProviders(
      <VersionDigest versionId={VERSION} canRequest onSeekToFeedback={vi.fn()} defaultCollapsed />,
      { store: makeTestStore() },
    );

    const toggle = await screen.findByRole("button", { name: "AI 라운드 요약" });
    expect(toggle).toHaveAttribute("aria-expanded", "false");
    expect(screen.queryByText("색과 음악 볼륨이 주된 요청입니다.")).not.toBeInTheDocument();

    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute("aria-expanded", "true");
    expect(await screen.findByText("색과 음악 볼륨이 주된 요청입니다.")).toBeInTheDocument();
  });

  it("unfolds itself while a digest is on its way", async () => {
    latest = { status: 200, body: { digest: digest({ status: "running", job: { ...job, status: "running" } }) } };
    setup();
    renderWithProviders(
      <VersionDigest versionId={VERSION} canRequest onSeekToFeedback={vi.fn()} defaultCollapsed />,
      { store: makeTestStore() },
    );

    expect(await screen.findByRole("progressbar")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "AI 라운드 요약" })).toHaveAttribute("aria-expanded", "true");
  });
});

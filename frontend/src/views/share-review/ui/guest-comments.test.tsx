import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

import { feedbackItems } from "@/entities/feedback";
import { guestApi, useGetSharePageQuery, type GuestFeedback, type SharePageResponse } from "@/features/review/share-link";
import { createFetchStub, renderWithProviders, type StubRequest } from "@/shared/lib/test";

import { GuestComments } from "./guest-comments";

const TOTAL = 500;

function comment(index: number, replyTo: string | null = null): GuestFeedback {
  return {
    id: replyTo ? `r${index}` : `c${index}`,
    parent_id: replyTo,
    version_number: 1,
    carried_over: false,
    author: { display_name: index % 2 ? "Client Kim" : "편집자", is_guest: index % 2 === 1 },
    body: replyTo ? `답글 ${index}` : `코멘트 ${index}`,
    frame: index,
    end_frame: null,
    fps: 25,
    timecode: index / 25,
    smpte: `00:00:${String(Math.floor(index / 25)).padStart(2, "0")}:${String(index % 25).padStart(2, "0")}`,
    end_smpte: null,
    annotation: null,
    reactions: [],
    resolved: false,
    deleted: false,
    edited_at: null,
    created_at: "2026-03-01T09:00:00Z",
    replies: !replyTo && index % 3 === 0 ? [comment(index, `c${index}`)] : [],
  };
}

const API = "http://localhost:8000/api/v1/";
const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from) }, (_, index) => comment(from + index));

/** The share-link API of a version with `rows` (TOTAL comments unless given): the page holds the first 50, the list the rest by cursor. */
function shareApi({ hold, rows = range(0, TOTAL), holdPage }: { hold?: Promise<void>; rows?: GuestFeedback[]; holdPage?: (search: string) => Promise<void> | undefined } = {}) {
  return createFetchStub(async (request: StubRequest) => {
    if (request.path === "/api/v1/share/tok/") {
      const size = Number(new URLSearchParams(request.search).get("page_size"));
      const page: SharePageResponse = {
        link: { permission: "comment", label: "", expires_at: "2026-04-01T00:00:00Z" },
        project: { name: "브랜드 필름" },
        asset: { title: "본편" },
        version: { number: 1, label: "", status: "ready", duration: 20, fps: 25, frame_count: 500, width: 1920, height: 1080, file_url: null, poster_url: null },
        feedback: rows.slice(0, size),
        feedback_next: `${API}share/tok/feedback/?cursor=${size}&page_size=${size}`,
      };
      return { status: 200, body: page };
    }
    if (request.path === "/api/v1/share/tok/feedback/") {
      await hold;
      await holdPage?.(request.search);
      const params = new URLSearchParams(request.search);
      const start = Number(params.get("cursor"));
      const end = Math.min(rows.length, start + Number(params.get("page_size")));
      const next = end < rows.length ? `${API}share/tok/feedback/?cursor=${end}&page_size=${params.get("page_size")}` : null;
      return { status: 200, body: { next, previous: null, results: rows.slice(start, end) } };
    }
    return { status: 404, body: { error: { code: "not_found", message: "x", details: {}, request_id: "r" } } };
  });
}

/** The share page's comment column as the page wires it: the same query, its items, a pick. */
function Column({ onSeek = () => undefined }: { onSeek?: (item: GuestFeedback) => void }) {
  const page = useGetSharePageQuery({ token: "tok", password: "" });
  const items = feedbackItems(page.data?.feedback);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  return (
    <>
      <button type="button" onClick={() => setSelectedId("c420")}>
        pick 420
      </button>
      <GuestComments token="tok" password="" items={items} currentId={null} selectedId={selectedId} onSeek={onSeek} />
    </>
  );
}

// jsdom lays nothing out and cannot scroll: rows are taken as 80 px high, the scroller as
// 600 px, and scrolling sets scrollTop and says so.
const listIn = (node: HTMLElement) => node.querySelector<HTMLElement>(":scope > ul[data-count]");
const offsetHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, "offsetHeight");
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, "offsetHeight", {
    configurable: true,
    get(this: HTMLElement) {
      return this.dataset.rowId ? 80 : 0;
    },
  });
  Object.defineProperty(HTMLElement.prototype, "scrollHeight", {
    configurable: true,
    get(this: HTMLElement) {
      return parseInt(listIn(this)?.style.height ?? "0", 10) || 0;
    },
  });
  Object.defineProperty(HTMLElement.prototype, "clientHeight", {
    configurable: true,
    get(this: HTMLElement) {
      return listIn(this) ? 600 : 0;
    },
  });
  HTMLElement.prototype.scrollTo = function scrollTo(this: HTMLElement, options?: ScrollToOptions | number) {
    if (typeof options === "object" && options.top !== undefined) this.scrollTop = options.top;
    this.dispatchEvent(new Event("scroll"));
  } as HTMLElement["scrollTo"];
});
afterAll(() => {
  if (offsetHeight) Object.defineProperty(HTMLElement.prototype, "offsetHeight", offsetHeight);
  delete (HTMLElement.prototype as Partial<HTMLElement>).scrollTo;
  for (const name of ["scrollHeight", "clientHeight"]) Reflect.deleteProperty(HTMLElement.prototype, name);
});
afterEach(() => vi.unstubAllGlobals());

const list = () => screen.getByTestId("guest-feedback-list");
const renderedIds = () => screen.getAllByTestId("guest-feedback-item").map((node) => node.closest("li")?.dataset.rowId);

describe("GuestComments on a long round", () => {
  it("shows the first page at once, says more are coming, then holds every comment but renders only a few", async () => {
    let release = () => undefined as void;
    const hold = new Promise<void>((resolve) => {
      release = resolve;
    });
    const api = shareApi({ hold });
    vi.stubGlobal("fetch", api.fetch);
    renderWithProviders(<Column />);

    await waitFor(() => expect(list()).toHaveAttribute("data-count", "50"));
    expect(screen.getByTestId("guest-feedback-loading-more")).toHaveTextContent("코멘트를 더 불러오는 중…");
    expect(screen.getByRole("heading", { name: /코멘트\s*50/ })).toBeInTheDocument();
    release();

    await waitFor(() => expect(list()).toHaveAttribute("data-count", String(TOTAL)), { timeout: 5_000 });
    expect(screen.queryByTestId("guest-feedback-loading-more")).toBeNull();
    expect(screen.getByRole("heading", { name: new RegExp(`코멘트\\s*${TOTAL}`) })).toBeInTheDocument();
    // First page small, then 200 at a time: 50 + 200 + 200 + 50.
    const pages = api.requests.filter((request) => request.path === "/api/v1/share/tok/feedback/");
    expect(pages.map((request) => new URLSearchParams(request.search).get("cursor"))).toEqual(["50", "250", "450"]);
    expect(pages.every((request) => new URLSearchParams(request.search).get("page_size") === "200")).toBe(true);
    // Every comment is listed once, in order; only the rows near the view exist.
    const rows = within(list()).getAllByRole("listitem").filter((node) => node.dataset.rowId);
    expect(rows.length).toBeLessThan(30);
    expect(rows[0]).toHaveAttribute("aria-posinset", "1");
    expect(rows[0]).toHaveAttribute("aria-setsize", String(TOTAL));
    expect(screen.getAllByTestId("guest-feedback-item")[0]).toHaveTextContent("코멘트 0");
    expect(screen.getAllByTestId("guest-feedback-item")[0]).toHaveTextContent("답글 0");
  });

  it("brings a picked comment far down into view, and the keyboard walks to the end and seeks", async () => {
    vi.stubGlobal("fetch", shareApi().fetch);
    const onSeek = vi.fn();
    renderWithProviders(<Column onSeek={onSeek} />);
    await waitFor(() => expect(list()).toHaveAttribute("data-count", String(TOTAL)), { timeout: 5_000 });
    expect(renderedIds()).not.toContain("c420");

    await userEvent.click(screen.getByRole("button", { name: "pick 420" }));
    await waitFor(() => expect(renderedIds()).toContain("c420"));

    const first = within(list()).getAllByRole("listitem").find((node) => node.getAttribute("tabindex") === "0")!;
    first.focus();
    await userEvent.keyboard("{End}");
    await waitFor(() => expect(document.activeElement).toHaveAttribute("data-row-id", `c${TOTAL - 1}`));
    await userEvent.keyboard("{Enter}");
    expect(onSeek).toHaveBeenCalledWith(expect.objectContaining({ id: `c${TOTAL - 1}` }));
  });
});

describe("GuestComments when the socket's first contact reads the page again", () => {
  it("keeps every row and the guest's place while the reread brings what the socket missed", async () => {
    const rows = range(0, TOTAL);
    // The reread's last page waits until the test has seen the list while the reread runs.
    let rereading = false;
    let releaseLast = () => undefined as void;
    const last = new Promise<void>((resolve) => (releaseLast = resolve));
    const api = shareApi({ rows, holdPage: (search) => (rereading && search.includes("cursor=450&") ? last : undefined) });
    vi.stubGlobal("fetch", api.fetch);
    const { store } = renderWithProviders(<Column />);
    await waitFor(() => expect(list()).toHaveAttribute("data-count", String(TOTAL)), { timeout: 5_000 });
    // Far down the list: 420 picked and brought into view.
    await userEvent.click(screen.getByRole("button", { name: "pick 420" }));
    await waitFor(() => expect(renderedIds()).toContain("c420"));
    const scroller = list().parentElement!;
    const row420 = () => list().querySelector<HTMLElement>('[data-row-id="c420"]');
    const place = () => parseFloat(/translateY\((.+)px\)/.exec(row420()?.style.transform ?? "")?.[1] ?? "NaN") - scroller.scrollTop;
    const placeBefore = place();
    expect(scroller.scrollTop).toBeGreaterThan(0);

    // Missed while the socket connected: 100 edited, one added above 420 (at 300), 10 deleted.
    rows[100] = { ...rows[100]!, body: "고쳐 쓴 코멘트" };
    rows.splice(301, 0, { ...comment(300), id: "n1", body: "새 코멘트", created_at: "2026-03-02T09:00:00Z", replies: [] });
    rows.splice(10, 1);
    const counts: number[] = [];
    let loadingMore = false;
    let row420Gone = false;
    const observer = new MutationObserver(() => {
      counts.push(Number(list().dataset.count));
      loadingMore ||= screen.queryByTestId("guest-feedback-loading-more") !== null;
      row420Gone ||= row420() === null;
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true });

    // What the page's socket does on first contact (`useShareRealtime`).
    const args = { token: "tok", password: "" };
    rereading = true;
    void store.dispatch(guestApi.endpoints.getSharePage.initiate(args, { subscribe: false, forceRefetch: true }));
    const entry = () => guestApi.endpoints.getSharePage.select(args)(store.getState()).data;
    // The new comment is in (its page came), the deleted one not gone yet (that is for the end).
    await waitFor(() => expect(list()).toHaveAttribute("data-count", String(TOTAL + 1)));
    expect(entry()?.feedback.reread).not.toBeNull();
    releaseLast();
    await waitFor(() => expect(list()).toHaveAttribute("data-count", String(TOTAL)));
    expect(entry()?.feedback.reread).toBeNull();
    observer.disconnect();

    expect(Math.min(...counts)).toBeGreaterThanOrEqual(TOTAL);
    expect(Math.max(...counts)).toBe(TOTAL + 1);
    expect(loadingMore).toBe(false);
    expect(row420Gone).toBe(false);
    expect(place()).toBe(placeBefore);
    expect(feedbackItems(entry()?.feedback).map((item) => item.id)).toEqual(rows.map((item) => item.id));
    expect(entry()?.feedback.entities.c100?.body).toBe("고쳐 쓴 코멘트");
  });
});

describe("GuestComments reads a comment as members see it", () => {
  it("shows a range as 'start – end' and when it was posted, relative", async () => {
    const twoMinutesAgo = new Date(Date.now() - 2 * 60_000).toISOString();
    const ranged = { ...comment(187), end_frame: 237, smpte: "00:00:07:12", end_smpte: "00:00:09:12", created_at: twoMinutesAgo };
    vi.stubGlobal("fetch", shareApi({ rows: [ranged] }).fetch);
    renderWithProviders(<Column />);

    const row = (await screen.findAllByTestId("guest-feedback-item"))[0]!;
    expect(within(row).getByTestId("guest-feedback-timecode")).toHaveTextContent("00:00:07:12 – 00:00:09:12");
    expect(within(row).getByRole("button", { name: "00:00:07:12 – 00:00:09:12 위치로 이동" })).toBeInTheDocument();
    expect(row.querySelector("time")).toHaveTextContent("2분 전");
  });
});

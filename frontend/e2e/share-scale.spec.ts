import type { APIRequestContext, Page } from "@playwright/test";

import { registerUser, type TestUser } from "./support/projects";
import { addComment, addMember, createAsset, createProject, makeTestClip, uploadVersionAndWait } from "./support/review";
import { seedBusyRound } from "./support/review-scale";
import { screenshot } from "./support/screenshots";
import { expect, test } from "./support/security";

const API_URL = `http://127.0.0.1:${process.env.E2E_API_PORT ?? "8765"}/api/v1`;
const COUNT = 600;

/** The guest list's row of the comment whose body starts with `label` ("코멘트 12"), not "코멘트 120". */
function row(page: Page, label: string) {
  return page.getByTestId("guest-feedback-item").filter({ hasText: new RegExp(`${label}(?!\\d)`) });
}

/** Every comment the link shows, read through the guest API page by page: what the page must end up holding. */
async function guestCount(request: APIRequestContext, token: string): Promise<number> {
  let count = 0;
  for (let next: string | null = `${API_URL}/share/${token}/feedback/?page_size=200`; next; ) {
    const response = await request.get(next);
    expect(response.status()).toBe(200);
    const page = (await response.json()) as { next: string | null; results: unknown[] };
    count += page.results.length;
    next = page.next;
  }
  return count;
}

/** What the page saw of its list from the socket's first contact on (sampled in the page: every change of the count, every frame's place of one row). */
interface RereadWatch {
  counts: number[];
  /** Frames sampled, frames in which the watched row was not rendered, and its largest move (px). */
  frames: number;
  missing: number;
  drift: number;
  /** The "loading more" note showed at some point. */
  loadingMore: boolean;
}

/** Start watching the guest list and the row `rowId` (as it sits now) in the page. */
async function watchReread(page: Page, rowId: string): Promise<void> {
  await page.evaluate((id) => {
    const list = () => document.querySelector<HTMLElement>('[data-testid="guest-feedback-list"]');
    const row = () => list()?.querySelector<HTMLElement>(`li[data-row-id="${CSS.escape(id)}"]`) ?? null;
    const top = row()!.getBoundingClientRect().top;
    const watch: RereadWatch = { counts: [Number(list()?.dataset.count ?? 0)], frames: 0, missing: 0, drift: 0, loadingMore: false };
    (window as unknown as { rereadWatch: RereadWatch }).rereadWatch = watch;
    const count = () => {
      const now = Number(list()?.dataset.count ?? 0);
      if (now !== watch.counts.at(-1)) watch.counts.push(now);
    };
    new MutationObserver(count).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-count"] });
    const frame = () => {
      count();
      watch.frames += 1;
      const node = row();
      if (!node) watch.missing += 1;
      else watch.drift = Math.max(watch.drift, Math.abs(node.getBoundingClientRect().top - top));
      if (document.querySelector('[data-testid="guest-feedback-loading-more"]')) watch.loadingMore = true;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }, rowId);
}

const rereadWatch = (page: Page) => page.evaluate(() => (window as unknown as { rereadWatch: RereadWatch }).rereadWatch);

async function apiCall(request: APIRequestContext, user: TestUser, method: "get" | "patch" | "delete", path: string, data?: unknown) {
  const response = await request[method](`${API_URL}/${path}`, { headers: { Authorization: `Bearer ${user.access}` }, ...(data === undefined ? {} : { data }) });
  expect(response.ok(), `${method} ${path}: ${response.status()}`).toBe(true);
  return response.status() === 204 ? null : ((await response.json()) as { author: { id: string } | null });
}

test("a guest opens a 600-comment round: first page at once, the rest behind it, a small DOM, the socket's first contact keeping the list and the place scrolled to, both ends reachable, a posted comment in view", async ({ browser, request }) => {
  test.setTimeout(300_000);
  const editor = await registerUser(request, "e2e-share-scale-editor", "편집자 민준");
  const reviewer = await registerUser(request, "e2e-share-scale-reviewer", "리뷰어 서연");
  const project = await createProject(request, editor, `긴 공유 리뷰 ${Date.now() % 10000}`);
  await addMember(request, editor, project.id, reviewer, "reviewer");
  const asset = await createAsset(request, editor, project.id, "긴 라운드");
  const version = await uploadVersionAndWait(request, editor, asset.id, makeTestClip("share-long-round.mp4", { seconds: 20 }));
  const round = seedBusyRound(version.id, [editor.email, reviewer.email], COUNT);
  expect(round.written).toBe(COUNT + COUNT / 3);
  const created = await request.post(`${API_URL}/versions/${version.id}/share-links/`, {
    headers: { Authorization: `Bearer ${editor.access}` },
    data: { permission: "comment" },
  });
  expect(created.status()).toBe(201);
  const { url, token } = (await created.json()) as { url: string; token: string };
  // The team's internal notes are not the guest's: fewer than the round, more than one page.
  const visible = await guestCount(request, token);
  expect(visible).toBeGreaterThan(400);
  expect(visible).toBeLessThan(COUNT);

  const context = await browser.newContext({ locale: "ko-KR", viewport: { width: 1440, height: 900 } });
  const guest = await context.newPage();
  // The page is read again once its socket says hello (REST before the subscription may miss
  // an event). The socket's ticket is held back until the test lets it go, so that first contact
  // comes with the whole list on screen and scrolled far down, after changes the socket missed.
  const pageReads: number[] = [];
  const listPages: number[] = [];
  guest.on("response", (response) => {
    const path = new URL(response.url()).pathname;
    if (path === `/api/v1/share/${token}/`) pageReads.push(response.status());
    if (path === `/api/v1/share/${token}/feedback/` && response.request().method() === "GET") listPages.push(response.status());
  });
  let connect = () => undefined as void;
  const ticketHeld = new Promise<void>((resolve) => {
    connect = resolve;
  });
  await guest.route(`**/api/v1/share/${token}/ws-ticket/`, async (route) => {
    await ticketHeld;
    await route.continue();
  });
  const socket = guest.waitForEvent("websocket", { predicate: (ws) => ws.url().includes("/ws/share/"), timeout: 240_000 });
  await guest.goto(url);

  // --- the first page is on screen at once; the rest arrives behind it ---
  await expect(row(guest, "코멘트 1")).toBeVisible();
  const list = guest.getByTestId("guest-feedback-list");
  await expect(guest.getByTestId("guest-feedback-loading-more")).toHaveCount(0, { timeout: 60_000 });
  await expect(list).toHaveAttribute("data-count", String(visible));
  expect(pageReads).toEqual([200]);
  await expect(guest.getByRole("heading", { level: 2, name: new RegExp(`코멘트\\s*${visible}`) })).toBeVisible();
  // An internal note of the round (the 5th comment is one) is not among them.
  await expect(row(guest, "코멘트 5")).toHaveCount(0);

  // --- only the rows near the view exist: the comment list and the page stay small ---
  const rows = await guest.getByTestId("guest-feedback-item").count();
  const listElements = await list.evaluate((node) => node.getElementsByTagName("*").length);
  const pageElements = await guest.evaluate(() => document.getElementsByTagName("*").length);
  test.info().annotations.push({ type: "dom", description: `${visible} comments listed: ${rows} rows, ${listElements} elements in the list, ${pageElements} in the page` });
  expect(rows).toBeLessThan(40);
  expect(listElements).toBeLessThan(1000);
  expect(pageElements).toBeLessThan(3000);
  // The timeline's markers cluster into counted pills, together holding every listed comment.
  const clusters = guest.getByTestId("timeline-cluster");
  const pills = (await clusters.count()) + (await guest.getByTestId("timeline-marker").count());
  expect(pills).toBeGreaterThan(5);
  expect(pills).toBeLessThan(120);
  const counts = await clusters.evaluateAll((nodes) => nodes.map((node) => Number((node as HTMLElement).dataset.count)));
  expect(counts.reduce((sum, count) => sum + count, 0) + (pills - counts.length)).toBe(visible);
  await screenshot(guest, "share-scale-01-first-view");

  // --- first contact with the list scrolled far down: the reread keeps it on screen and in place ---
  await row(guest, "코멘트 1").hover();
  await guest.mouse.wheel(0, 20_000);
  await expect(row(guest, "코멘트 1")).toHaveCount(0);
  // The comment the guest scrolled to: the first row wholly in view.
  const anchor = await list.evaluate((node) => {
    const top = node.parentElement!.getBoundingClientRect().top;
    const [first] = [...node.querySelectorAll<HTMLElement>(":scope > li[data-row-id]")]
      .filter((item) => item.getBoundingClientRect().top >= top)
      .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
    return { id: first!.dataset.rowId!, label: /코멘트 \d+/.exec(first!.textContent ?? "")![0] };
  });
  // Meanwhile, with the socket not yet there: the anchor's comment is edited, a comment is added
  // near the start and another one there is deleted. Only the reread can bring these.
  const anchorAuthor = (await apiCall(request, editor, "get", `feedback/${anchor.id}/`))!.author!.id;
  const edited = `${anchor.label} 연결 전에 고친 글`;
  await apiCall(request, anchorAuthor === editor.id ? editor : reviewer, "patch", `feedback/${anchor.id}/`, { body: edited });
  const added = await addComment(request, reviewer, version.id, "소켓이 붙기 전에 남긴 코멘트", 3);
  const firstPage = await (await request.get(`${API_URL}/share/${token}/feedback/?page_size=50`)).json();
  const second = (firstPage as { results: Array<{ id: string; body: string }> }).results.find((item) => /^코멘트 2(?!\d)/.test(item.body))!;
  await apiCall(request, editor, "delete", `feedback/${second.id}/`);

  await watchReread(guest, anchor.id);
  const loadedPages = listPages.length;
  connect();
  const ws = await socket;
  await ws.waitForEvent("framereceived", (frame) => String(frame.payload).includes('"type": "hello"'));
  await expect.poll(() => pageReads.length, { timeout: 15_000 }).toBe(2);
  expect(pageReads).toEqual([200, 200]);
  // The reread reads the list's pages once more (it still has as many), and ends with the comment
  // deleted meanwhile leaving the list (the one added came with its page, before).
  await expect.poll(() => listPages.length, { timeout: 60_000 }).toBe(2 * loadedPages);
  expect(listPages.every((status) => status === 200)).toBe(true);
  await expect.poll(async () => (await rereadWatch(guest)).counts.at(-1), { timeout: 10_000 }).toBe(visible);
  const watched = await rereadWatch(guest);
  test.info().annotations.push({
    type: "reread",
    description: `counts ${watched.counts.join(" → ")}; ${watched.frames} frames, the scrolled-to row missing in ${watched.missing}, moved at most ${watched.drift.toFixed(1)} px; "loading more" shown: ${watched.loadingMore}`,
  });
  expect(Math.min(...watched.counts)).toBeGreaterThanOrEqual(visible);
  expect(Math.max(...watched.counts)).toBeLessThanOrEqual(visible + 1);
  expect(watched.missing).toBe(0);
  expect(watched.drift).toBeLessThanOrEqual(1);
  expect(watched.loadingMore).toBe(false);
  await expect(row(guest, anchor.label)).toContainText(edited);
  await expect(row(guest, anchor.label)).toBeInViewport();
  await expect(list).toHaveAttribute("data-count", String(visible));
  await screenshot(guest, "share-scale-02-after-first-contact");

  // --- scrolling reaches the newest comment at the end of the clip, and back to the first ---
  const last = row(guest, `코멘트 ${COUNT}`);
  await row(guest, anchor.label).hover();
  await expect(async () => {
    await guest.mouse.wheel(0, 50_000);
    await expect(last).toBeInViewport({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(row(guest, "코멘트 1")).toHaveCount(0); // far from the top: its row is gone
  expect(await guest.getByTestId("guest-feedback-item").count()).toBeLessThan(40);
  await screenshot(guest, "share-scale-03-scrolled-to-the-end");
  await expect(async () => {
    await guest.mouse.wheel(0, -50_000);
    await expect(row(guest, "코멘트 1")).toBeInViewport({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  // Up here: the comment added before the socket came is listed, the deleted one is not.
  await expect(guest.getByTestId("guest-feedback-item").filter({ hasText: "소켓이 붙기 전에 남긴 코멘트" })).toBeVisible();
  await expect(row(guest, "코멘트 2")).toHaveCount(0);
  expect(added.id).toBeTruthy();

  // --- the keyboard walks it too: End to the last comment, Home back ---
  await row(guest, "코멘트 1").locator("xpath=ancestor::li[@data-row-id]").focus();
  await guest.keyboard.press("End");
  await expect(guest.locator(":focus")).toHaveAttribute("aria-posinset", String(visible));
  await expect(last).toBeInViewport();

  // --- from down there, a guest comment at the start of the clip: it is listed and brought into view ---
  await guest.getByRole("textbox", { name: "이름" }).fill("클라이언트 김");
  await guest.getByRole("textbox", { name: "코멘트", exact: true }).fill("긴 라운드에서도 게스트 코멘트가 보여요");
  await guest.getByRole("button", { name: "코멘트 남기기" }).click();
  const mine = guest.getByTestId("guest-feedback-item").filter({ hasText: "긴 라운드에서도 게스트 코멘트가 보여요" });
  await expect(mine).toBeInViewport({ timeout: 10_000 });
  // Once, whether the form's answer or the socket's event came first.
  await expect(mine).toHaveCount(1);
  await expect(mine).toContainText("게스트");
  await expect(list).toHaveAttribute("data-count", String(visible + 1));
  // The last comment's row is still rendered (the keyboard was on it) but out of view.
  await expect(last).not.toBeInViewport();
  await screenshot(guest, "share-scale-04-posted");

  await context.close();
});

import type { APIRequestContext, Page } from "@playwright/test";

import { registerUser } from "./support/projects";
import { addMember, createAsset, createProject, makeTestClip, uploadVersionAndWait } from "./support/review";
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

test("a guest opens a 600-comment round: first page at once, the rest behind it, a small DOM, both ends reachable, a posted comment in view", async ({ browser, request }) => {
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
  // an event); both reads start a background load, so wait for the second before counting.
  const pageReads: number[] = [];
  guest.on("response", (response) => {
    if (new URL(response.url()).pathname === `/api/v1/share/${token}/`) pageReads.push(response.status());
  });
  const socket = guest.waitForEvent("websocket", (ws) => ws.url().includes("/ws/share/"));
  await guest.goto(url);

  // --- the first page is on screen at once; the rest arrives behind it ---
  await expect(row(guest, "코멘트 1")).toBeVisible();
  const ws = await socket;
  await ws.waitForEvent("framereceived", (frame) => String(frame.payload).includes('"type": "hello"'));
  await expect.poll(() => pageReads.length, { timeout: 15_000 }).toBe(2);
  expect(pageReads).toEqual([200, 200]);
  const list = guest.getByTestId("guest-feedback-list");
  await expect(guest.getByTestId("guest-feedback-loading-more")).toHaveCount(0, { timeout: 60_000 });
  await expect(list).toHaveAttribute("data-count", String(visible));
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

  // --- scrolling reaches the newest comment at the end of the clip, and back to the first ---
  const last = row(guest, `코멘트 ${COUNT}`);
  await row(guest, "코멘트 1").hover();
  await expect(async () => {
    await guest.mouse.wheel(0, 50_000);
    await expect(last).toBeInViewport({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(row(guest, "코멘트 1")).toHaveCount(0); // far from the top: its row is gone
  expect(await guest.getByTestId("guest-feedback-item").count()).toBeLessThan(40);
  await screenshot(guest, "share-scale-02-scrolled-to-the-end");
  await expect(async () => {
    await guest.mouse.wheel(0, -50_000);
    await expect(row(guest, "코멘트 1")).toBeInViewport({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });

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
  await screenshot(guest, "share-scale-03-posted");

  await context.close();
});

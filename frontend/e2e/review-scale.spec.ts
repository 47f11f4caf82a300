import type { Page } from "@playwright/test";

import { registerUser, signInContext } from "./support/projects";
import { addMember, createAsset, createProject, makeTestClip, uploadVersionAndWait } from "./support/review";
import { seedBusyRound } from "./support/review-scale";
import { screenshot } from "./support/screenshots";
import { expect, test } from "./support/security";

const COUNT = 600;

/** The list row of the comment whose body starts with `label` ("코멘트 12"), not "코멘트 120". */
function row(page: Page, label: string) {
  return page.getByTestId("feedback-item").filter({ hasText: new RegExp(`${label}(?!\\d)`) });
}

const firstWords = (body: string) => body.split(" ").slice(0, 2).join(" ");

test("a 600-comment round: a small DOM, clustered markers, and clusters, keys and links that reach comments far down", async ({ browser, request }) => {
  test.setTimeout(300_000);
  const editor = await registerUser(request, "e2e-scale-editor", "편집자 민준");
  const reviewer = await registerUser(request, "e2e-scale-reviewer", "리뷰어 서연");
  const project = await createProject(request, editor, `긴 리뷰 ${Date.now() % 10000}`);
  await addMember(request, editor, project.id, reviewer, "reviewer");
  const asset = await createAsset(request, editor, project.id, "긴 라운드");
  const version = await uploadVersionAndWait(request, editor, asset.id, makeTestClip("long-round.mp4", { seconds: 20 }));
  const round = seedBusyRound(version.id, [editor.email, reviewer.email], COUNT);
  expect(round.written).toBe(COUNT + COUNT / 3);

  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await signInContext(context, editor);
  const page = await context.newPage();
  await page.goto(`/assets/${asset.id}?version=${version.id}`);

  // --- the first page is on screen at once; the rest of the round arrives behind it ---
  await expect(row(page, "코멘트 1")).toBeVisible();
  await expect(page.getByTestId("feedback-loading-more")).toHaveCount(0, { timeout: 60_000 });
  await expect(page.getByTestId("feedback-list")).toHaveAttribute("data-count", String(COUNT));
  await expect(page.getByTestId("feedback-panel").getByRole("heading", { level: 2 })).toContainText(`전체 ${COUNT}`);

  // --- only the rows near the view exist: the page stays small ---
  expect(await page.getByTestId("feedback-item").count()).toBeLessThan(40);
  expect(await page.evaluate(() => document.getElementsByTagName("*").length)).toBeLessThan(3000);

  // --- markers cluster: a row of counted pills, together holding every comment ---
  const clusters = page.getByTestId("timeline-cluster");
  const pills = (await clusters.count()) + (await page.getByTestId("timeline-marker").count());
  expect(pills).toBeGreaterThan(5);
  expect(pills).toBeLessThan(120);
  const counts = await clusters.evaluateAll((nodes) => nodes.map((node) => Number((node as HTMLElement).dataset.count)));
  expect(counts.reduce((sum, count) => sum + count, 0) + (pills - counts.length)).toBe(COUNT);
  await expect(clusters.first()).toHaveAccessibleName(/^코멘트 \d+개: \d\d:\d\d:\d\d:\d\d–\d\d:\d\d:\d\d:\d\d$/);

  // --- the last cluster, far along the clip: its menu lists its comments; picking one brings it into view ---
  const last = clusters.last();
  await last.click();
  const menu = page.getByRole("menu");
  await expect(menu).toBeVisible();
  await expect(last).toHaveAttribute("aria-expanded", "true");
  await screenshot(page, "review-scale-01-cluster-menu");
  const item = menu.getByTestId("timeline-cluster-item").last();
  const picked = /코멘트 \d+/.exec((await item.textContent()) ?? "")?.[0];
  expect(picked).toBeTruthy();
  await item.click();
  await expect(menu).toBeHidden();
  await expect(row(page, picked!)).toBeInViewport();
  await expect(row(page, "코멘트 1")).toHaveCount(0); // scrolled far from the top: its row is gone
  await screenshot(page, "review-scale-02-far-down");

  // --- the keyboard walks the list: Home to the first comment, ↓ to the next, End to the last ---
  await row(page, picked!).locator("xpath=..").focus();
  await page.keyboard.press("Home");
  await expect(row(page, "코멘트 1")).toBeInViewport();
  await expect(page.locator(":focus")).toHaveAttribute("aria-posinset", "1");
  await page.keyboard.press("ArrowDown");
  await expect(page.locator(":focus")).toHaveAttribute("aria-posinset", "2");
  await page.keyboard.press("End");
  await expect(page.locator(":focus")).toHaveAttribute("aria-posinset", String(COUNT));
  await expect(page.locator(":focus")).toBeInViewport();

  // --- posting stays quick with the long round loaded, and the new comment shows at once ---
  await page.getByTestId("timeline").focus();
  await page.keyboard.press("Home");
  await page.getByRole("textbox", { name: "코멘트", exact: true }).fill("긴 라운드에서도 바로 보여요");
  await page.getByRole("button", { name: "코멘트 남기기" }).click();
  const mine = page.getByTestId("feedback-item").filter({ hasText: "긴 라운드에서도 바로 보여요" });
  await expect(mine.first()).toBeInViewport({ timeout: 5_000 });
  // The server's copy takes the place of the one shown while sending (the room's event may bring it first).
  await expect(mine).toHaveCount(1, { timeout: 30_000 });
  await expect(mine).not.toContainText("보내는 중…");
  await expect(mine).toBeInViewport();
  await expect(page.getByTestId("feedback-list")).toHaveAttribute("data-count", String(COUNT + 1));

  // --- a link to a comment on the round's last page opens with that comment in view ---
  const linked = await context.newPage();
  await linked.goto(`/assets/${asset.id}?version=${version.id}&feedback=${round.late.id}`);
  await expect(row(linked, firstWords(round.late.body))).toBeInViewport({ timeout: 60_000 });
  await expect(linked.getByTestId("feedback-list")).toHaveAttribute("data-count", String(COUNT + 1));

  await context.close();
});

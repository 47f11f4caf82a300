import type { APIRequestContext, Page } from "@playwright/test";

import { registerUser, signInContext, type TestUser } from "./support/projects";
import { addMember, createAsset, createProject, makeTestClip, uploadVersionAndWait } from "./support/review";
import { screenshot } from "./support/screenshots";
import { expect, test } from "./support/security";

const API_URL = `http://127.0.0.1:${process.env.E2E_API_PORT ?? "8765"}/api/v1`;

/** The report a pause (or the end) sends, once the server has it. */
function nextReport(page: Page) {
  return page.waitForResponse((response) => response.url().includes("/attention/me/") && response.request().method() === "POST");
}

/** Plays the room's video from `from` (seconds) until `to` (or its end) at `rate`, as a viewer would: the play button, then pause. */
async function play(page: Page, from: number, to: number | "end", rate = 1) {
  const video = page.getByTestId("review-video");
  await video.evaluate((element: HTMLVideoElement, start) => {
    element.currentTime = start;
  }, from);
  await expect.poll(() => video.evaluate((element: HTMLVideoElement) => element.seeking)).toBe(false);
  if (to !== "end") {
    // Stop as soon as the playhead passes `to` (timeupdate comes ~4×/s, so within a quarter second).
    await video.evaluate((element: HTMLVideoElement, stop) => {
      const halt = () => {
        if (element.currentTime >= stop) {
          element.removeEventListener("timeupdate", halt);
          element.pause();
        }
      };
      element.addEventListener("timeupdate", halt);
    }, to);
  }
  const reported = nextReport(page);
  await page.getByRole("button", { name: "재생 (Space)" }).click();
  await video.evaluate((element: HTMLVideoElement, speed) => {
    element.playbackRate = speed;
  }, rate);
  await expect.poll(() => video.evaluate((element: HTMLVideoElement) => element.paused), { timeout: 30_000 }).toBe(true);
  expect((await reported).status()).toBe(200);
}

async function openRoom(page: Page, assetId: string, versionId: string) {
  await page.goto(`/assets/${assetId}?version=${versionId}`);
  await expect(page.getByTestId("review-video")).toHaveJSProperty("readyState", 4, { timeout: 30_000 });
}

async function setLocale(request: APIRequestContext, user: TestUser, locale: "ko" | "en") {
  const response = await request.patch(`${API_URL}/users/me/`, { headers: { Authorization: `Bearer ${user.access}` }, data: { locale } });
  expect(response.ok()).toBe(true);
}

/** Points at the middle of second `second` of the attention strip. */
async function hoverSecond(page: Page, second: number, seconds: number) {
  const box = await page.getByTestId("attention-strip").boundingBox();
  if (!box) throw new Error("the attention strip is not visible");
  await page.mouse.move(box.x + (box.width * (second + 0.5)) / seconds, box.y + box.height / 2);
}

test("two reviewers watch different parts: the director sees the heat strip, the one who skipped is warned before approving", async ({ browser, request }) => {
  test.setTimeout(240_000);
  const director = await registerUser(request, "e2e-attention-director", "감독 지훈");
  const full = await registerUser(request, "e2e-attention-full", "리뷰어 하린");
  const skipper = await registerUser(request, "e2e-attention-skip", "리뷰어 도윤");
  const project = await createProject(request, director, `시청 분포 ${Date.now() % 10000}`);
  await addMember(request, director, project.id, full, "reviewer");
  await addMember(request, director, project.id, skipper, "reviewer");
  const asset = await createAsset(request, director, project.id, "브랜드 필름");
  // 10 s at 25 fps: seconds 0–9 of the heat strip.
  const version = await uploadVersionAndWait(request, director, asset.id, makeTestClip("brand-film.mp4", { seconds: 10, size: "320x180" }));

  const fullContext = await browser.newContext();
  await signInContext(fullContext, full);
  const fullPage = await fullContext.newPage();
  const skipperContext = await browser.newContext();
  await signInContext(skipperContext, skipper);
  const skipperPage = await skipperContext.newPage();
  await Promise.all([openRoom(fullPage, asset.id, version.id), openRoom(skipperPage, asset.id, version.id)]);
  // Reviewers never get the team's view: no strip, no list, and the server says no.
  await expect(fullPage.getByTestId("attention-strip")).toHaveCount(0);
  await expect(fullPage.getByTestId("attention-people")).toHaveCount(0);

  // --- 하린 watches all of it (at double speed); 도윤 watches 0–4 s, skips to 8 s and watches to the end ---
  await Promise.all([
    play(fullPage, 0, "end", 2),
    (async () => {
      await play(skipperPage, 0, 4);
      await play(skipperPage, 8, "end");
    })(),
  ]);
  const teamView = await request.get(`${API_URL}/versions/${version.id}/attention/`, { headers: { Authorization: `Bearer ${skipper.access}` } });
  expect(teamView.status()).toBe(403);
  // The last reports (sent on pause) are in once the team's view adds up.
  const expected = [2, 2, 2, 2, 1, 1, 1, 1, 2, 2];
  await expect
    .poll(async () => {
      const response = await request.get(`${API_URL}/versions/${version.id}/attention/`, { headers: { Authorization: `Bearer ${director.access}` } });
      return ((await response.json()) as { seconds: number[] }).seconds;
    })
    .toEqual(expected);

  // --- the director opens the room: the strip counts two people where both watched, one where only 하린 did ---
  const directorContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await signInContext(directorContext, director);
  const directorPage = await directorContext.newPage();
  const attention = directorPage.waitForResponse((response) => /\/attention\/$/.test(new URL(response.url()).pathname));
  await openRoom(directorPage, asset.id, version.id);
  const strip = (await (await attention).json()) as { seconds: number[]; audience: number };
  expect(strip.audience).toBe(2);
  expect(strip.seconds).toEqual(expected);
  await expect(directorPage.getByTestId("attention-strip")).toBeVisible();

  await hoverSecond(directorPage, 2, 10);
  await expect(directorPage.getByTestId("attention-seen-by")).toHaveText(/00:02 · 리뷰어 (도윤, 리뷰어 하린|하린, 리뷰어 도윤)/);
  await hoverSecond(directorPage, 6, 10);
  await expect(directorPage.getByTestId("attention-seen-by")).toHaveText("00:06 · 리뷰어 하린");
  const people = directorPage.getByTestId("attention-people");
  await people.getByRole("button", { name: /시청 현황/ }).click();
  await expect(people.getByTestId("attention-person").filter({ hasText: "리뷰어 하린" })).toContainText("끝까지 봄");
  await expect(people.getByTestId("attention-person").filter({ hasText: "리뷰어 도윤" })).toContainText("안 본 구간: 00:04–00:08");
  await hoverSecond(directorPage, 1, 10);
  await expect(directorPage.getByTestId("attention-seen-by")).toContainText("00:01 · ");
  await screenshot(directorPage, "attention-01-director-strip-ko");

  // --- 하린 approves at once; 도윤 is told what they skipped first, and approves anyway ---
  await fullPage.getByTestId("decision-panel").getByRole("button", { name: "승인", exact: true }).click();
  await expect(fullPage.getByTestId("decision-item").filter({ hasText: "리뷰어 하린" })).toBeVisible();
  await expect(fullPage.getByTestId("unwatched-warning")).toHaveCount(0);

  await skipperPage.getByTestId("decision-panel").getByRole("button", { name: "승인", exact: true }).click();
  const warning = skipperPage.getByTestId("unwatched-warning");
  await expect(warning).toContainText("아직 00:04–00:08 구간을 보지 않았습니다.");
  await screenshot(skipperPage, "attention-02-skipper-warning-ko");
  await warning.getByRole("button", { name: "그래도 승인" }).click();
  await expect(skipperPage.getByTestId("review-room").getByTestId("review-status").first()).toHaveText("승인됨");

  // --- the director sees what each approval was based on ---
  const decisions = directorPage.getByTestId("decision-item");
  await expect(decisions.filter({ hasText: "리뷰어 하린" }).getByTestId("decision-basis")).toHaveText("본 비율 100%");
  await expect(decisions.filter({ hasText: "리뷰어 도윤" }).getByTestId("decision-basis")).toHaveText(/본 비율 (58|59|60|61|62|63)%/);
  await hoverSecond(directorPage, 5, 10);
  await expect(directorPage.getByTestId("attention-seen-by")).toHaveText("00:05 · 리뷰어 하린");
  await screenshot(directorPage, "attention-03-director-decisions-ko");

  // --- the same in English ---
  await setLocale(request, director, "en");
  await setLocale(request, skipper, "en");
  await directorPage.reload();
  await expect(directorPage.getByTestId("attention-strip")).toBeVisible({ timeout: 30_000 });
  await expect(directorPage.getByTestId("decision-item").filter({ hasText: "리뷰어 도윤" }).getByTestId("decision-basis")).toHaveText(/Watched \d+%/);
  await directorPage.getByTestId("attention-people").getByRole("button", { name: /Attention/ }).click();
  await expect(directorPage.getByTestId("attention-person").filter({ hasText: "리뷰어 도윤" })).toContainText("Not watched: 00:04–00:08");
  await hoverSecond(directorPage, 8, 10);
  await expect(directorPage.getByTestId("attention-seen-by")).toContainText("00:08 ·");
  await screenshot(directorPage, "attention-04-director-en");

  await skipperPage.reload();
  await expect(skipperPage.getByTestId("review-video")).toHaveJSProperty("readyState", 4, { timeout: 30_000 });
  await skipperPage.getByTestId("decision-panel").getByRole("button", { name: "Request changes", exact: true }).click();
  await expect(skipperPage.getByTestId("unwatched-warning")).toContainText("You have not watched 00:04–00:08.");
  await screenshot(skipperPage, "attention-05-skipper-warning-en");

  // --- a client on a view-only share link plays the first two seconds: they join the strip under the name they gave ---
  const link = await request.post(`${API_URL}/versions/${version.id}/share-links/`, {
    headers: { Authorization: `Bearer ${director.access}` },
    data: { permission: "view" },
  });
  expect(link.status()).toBe(201);
  const guestContext = await browser.newContext();
  await guestContext.addInitScript(() => window.localStorage.setItem("vp.guestName", "클라이언트 박"));
  const guestPage = await guestContext.newPage();
  await guestPage.goto(((await link.json()) as { url: string }).url);
  await expect(guestPage.getByTestId("review-video")).toHaveJSProperty("readyState", 4, { timeout: 30_000 });
  const guestReport = guestPage.waitForResponse((response) => response.url().includes("/attention/") && response.request().method() === "POST");
  await guestPage.getByTestId("review-video").evaluate((element: HTMLVideoElement) => {
    const halt = () => {
      if (element.currentTime >= 2) element.pause();
    };
    element.addEventListener("timeupdate", halt);
  });
  await guestPage.getByRole("button", { name: "재생 (Space)" }).click();
  expect((await guestReport).status()).toBe(200);
  await directorPage.reload();
  await expect(directorPage.getByTestId("attention-strip")).toHaveAttribute("aria-label", /3 reviewers and guests/, { timeout: 30_000 });
  await directorPage.getByTestId("attention-people").getByRole("button", { name: /Attention/ }).click();
  await expect(directorPage.getByTestId("attention-person").filter({ hasText: "클라이언트 박" })).toContainText("Guest");

  await Promise.all([fullContext.close(), skipperContext.close(), directorContext.close(), guestContext.close()]);
});

import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import type { APIRequestContext, Route } from "@playwright/test";

import { registerUser, signInContext, type TestUser } from "./support/projects";
import { createAsset, createProject } from "./support/review";
import { screenshot } from "./support/screenshots";
import { expect, test } from "./support/security";
import { makeLargeVideo, partNumber } from "./support/upload";

const API_URL = `http://127.0.0.1:${process.env.E2E_API_PORT ?? "8765"}/api/v1`;
const WEB_URL = `http://127.0.0.1:${process.env.E2E_WEB_PORT ?? "3100"}`;
const PARTS = 7; // 105 MB in 16 MB parts
const BEFORE_RELOAD = 3;

/** The part numbers storage holds for an upload (GET uploads/{id}/, the resume route). */
async function storedParts(request: APIRequestContext, user: TestUser, uploadId: string): Promise<number[]> {
  const response = await request.get(`${API_URL}/uploads/${uploadId}/`, { headers: { Authorization: `Bearer ${user.access}` } });
  expect(response.ok()).toBe(true);
  const body = (await response.json()) as { uploaded_parts: Array<{ number: number }> };
  return body.uploaded_parts.map((part) => part.number);
}

test("a large upload survives a reload: the same file continues from the parts storage holds and becomes ready", async ({ browser, request }) => {
  test.setTimeout(300_000);
  const editor = await registerUser(request, "e2e-upload-editor", "편집자 하늘");
  const project = await createProject(request, editor, `업로드 테스트 ${Date.now() % 10000}`);
  await createAsset(request, editor, project.id, "롱테이크 마스터");
  const video = makeLargeVideo("long-take-master.mp4", 105);

  const context = await browser.newContext();
  await signInContext(context, editor);
  const page = await context.newPage();
  await page.goto(`/projects/${project.id}/assets`);
  const card = page.getByTestId("asset-card").filter({ hasText: "롱테이크 마스터" });
  await expect(card).toBeVisible();

  // Let three parts through, hold the rest in flight, then reload mid-upload.
  const stored: number[] = [];
  const held: Route[] = [];
  let allowed = 0;
  await page.route(/\/uploads\/[^/]+\/parts\/\d+\/\?/, async (route) => {
    if (partNumber(route.request()) === null) return route.continue();
    if (allowed >= BEFORE_RELOAD) {
      held.push(route);
      return;
    }
    allowed += 1;
    const response = await route.fetch();
    if (response.status() === 200) stored.push(partNumber(route.request())!);
    await route.fulfill({ response });
  });
  await card.getByLabel("업로드할 영상 파일").setInputFiles(video);
  await expect(card.getByRole("progressbar")).toBeVisible();
  await expect.poll(() => stored.length, { timeout: 60_000 }).toBe(BEFORE_RELOAD);
  await expect(card.getByRole("progressbar")).not.toHaveAttribute("aria-valuenow", "0");
  await screenshot(page, "upload-01-in-progress");

  await page.reload();
  await page.unrouteAll({ behavior: "ignoreErrors" });
  await Promise.all(held.map((route) => route.abort().catch(() => undefined)));

  // After the reload the unfinished upload is offered; choosing the same file continues it.
  const unfinished = card.getByTestId("unfinished-upload");
  await expect(unfinished).toContainText("long-take-master.mp4");
  await expect(unfinished).toContainText("같은 파일을 다시 선택하면");
  await screenshot(page, "upload-02-unfinished-after-reload");
  // What storage holds now (a held part may still have landed as the page went away).
  const uploadId = await page.evaluate(() => {
    const key = Object.keys(window.localStorage).find((name) => name.startsWith("vp.upload.v1:"));
    return key ? (JSON.parse(window.localStorage.getItem(key) ?? "{}") as { uploadId?: string }).uploadId : undefined;
  });
  expect(uploadId).toBeTruthy();
  const kept = await storedParts(request, editor, uploadId!);
  expect(kept).toEqual(expect.arrayContaining(stored));
  expect(kept.length).toBeLessThan(PARTS);
  const resent: number[] = [];
  page.on("request", (sent) => {
    const number = partNumber(sent);
    if (number !== null) resent.push(number);
  });
  await card.getByLabel("업로드할 영상 파일").setInputFiles(video);

  await expect(card.getByTestId("version-status")).toHaveText("준비됨", { timeout: 180_000 });
  await expect(unfinished).toHaveCount(0);
  expect(resent.filter((number) => kept.includes(number))).toEqual([]); // parts storage held are not sent again
  expect([...kept, ...resent].sort((a, b) => a - b)).toEqual(Array.from({ length: PARTS }, (_, i) => i + 1));
  await screenshot(page, "upload-03-ready");
  await context.close();
});

test("a file that is not a video is refused before anything is sent, with no retry", async ({ browser, request }) => {
  const editor = await registerUser(request, "e2e-upload-notvideo", "Editor Kim");
  const project = await createProject(request, editor, `Upload refusal ${Date.now() % 10000}`);
  await createAsset(request, editor, project.id, "Teaser 15s");
  const fake = path.join(tmpdir(), `notes-${Date.now()}.mp4`);
  writeFileSync(fake, Buffer.concat([Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), Buffer.alloc(200_000, 0x20)]));

  const english = await request.patch(`${API_URL}/users/me/`, { headers: { Authorization: `Bearer ${editor.access}` }, data: { locale: "en" } });
  expect(english.ok()).toBe(true);
  const context = await browser.newContext({ locale: "en-US" });
  await context.addCookies([{ name: "vp_locale", value: "en", url: WEB_URL }]);
  await signInContext(context, editor);
  const page = await context.newPage();
  const uploads: string[] = [];
  page.on("request", (sent) => {
    if (sent.method() !== "GET" && /\/api\/v1\/(assets\/[^/]+\/(uploads|versions)|uploads)\//.test(sent.url())) uploads.push(sent.url());
  });
  await page.goto(`/projects/${project.id}/assets`);
  const card = page.getByTestId("asset-card").filter({ hasText: "Teaser 15s" });
  await expect(card).toBeVisible();

  await card.getByLabel("Video file to upload").setInputFiles(fake);

  const alert = card.getByRole("alert");
  await expect(alert).toContainText("is not a video");
  await expect(alert).toHaveAttribute("data-permanent", "true");
  await expect(card.getByRole("button", { name: "Retry" })).toHaveCount(0);
  await expect(card.getByRole("button", { name: "Choose another file" })).toBeVisible();
  expect(uploads).toEqual([]);
  await screenshot(page, "upload-04-not-a-video-en");
  await context.close();
});

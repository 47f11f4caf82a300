import type { APIRequestContext, Locator, Page } from "@playwright/test";

import { seedPlan } from "./support/plan-cut";
import { registerUser, signInContext, type TestUser } from "./support/projects";
import { addMember, createAsset, createProject, makeTestClip, uploadVersionAndWait } from "./support/review";
import { screenshot } from "./support/screenshots";
import { expect, test } from "./support/security";

const API_URL = `http://127.0.0.1:${process.env.E2E_API_PORT ?? "8765"}/api/v1`;
const VIEWPORT = { width: 1440, height: 900 };
const PLAN_TITLE = "무선 이어폰 런칭 브랜드 필름";
const pad = (value: number) => String(value).padStart(2, "0");
/** SMPTE of a frame of the 25 fps test clip. */
const smpte = (frame: number) => `00:00:${pad(Math.floor(frame / 25))}:${pad(frame % 25)}`;

/** The person's language (the app follows the profile's). */
async function setLocale(request: APIRequestContext, user: TestUser, locale: "ko" | "en") {
  const response = await request.patch(`${API_URL}/users/me/`, { headers: { Authorization: `Bearer ${user.access}` }, data: { locale } });
  expect(response.ok()).toBe(true);
}

/** Drag a shot boundary `dx` pixels along the lane with the mouse (pointer events, captured). */
async function dragBy(page: Page, handle: Locator, dx: number) {
  const box = await handle.boundingBox();
  if (!box) throw new Error("the boundary is not visible");
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx / 2, y, { steps: 4 });
  await page.mouse.move(x + dx, y, { steps: 4 });
  await page.mouse.up();
}

test("a director links the plan to the cut, fits a shot boundary, comments, and the plan page counts it live", async ({ browser, request }) => {
  test.setTimeout(240_000);
  const director = await registerUser(request, "e2e-plancut-director", "감독 지훈");
  const producer = await registerUser(request, "e2e-plancut-producer", "Sam Producer");
  await setLocale(request, producer, "en");
  const project = await createProject(request, director, `기획-편집 연결 ${Date.now() % 10000}`);
  await addMember(request, director, project.id, producer, "manager");
  const planId = seedPlan(project.id, director.email);
  const asset = await createAsset(request, director, project.id, "브랜드 필름 본편");
  // 9 s at 25 fps: the plan's 90 s of shots are scaled into 225 frames.
  const version = await uploadVersionAndWait(request, director, asset.id, makeTestClip("brand-film-v1.mp4", { seconds: 9 }));

  const korean = await browser.newContext({ viewport: VIEWPORT });
  await signInContext(korean, director);
  const room = await korean.newPage();
  await room.goto(`/assets/${asset.id}?version=${version.id}`);
  await expect(room.getByTestId("review-video")).toHaveJSProperty("readyState", 4, { timeout: 30_000 });
  await expect(room.getByTestId("shot-lane")).toHaveCount(0);

  // --- link the plan from the room's header ---
  await room.getByRole("button", { name: "기획안 연결" }).click();
  const picker = room.getByRole("dialog", { name: "기획안 연결" });
  await picker.getByLabel("연결할 기획안").selectOption({ index: 1 });
  await screenshot(room, "plan-cut-00-link-picker-ko");
  await picker.getByRole("button", { name: "연결", exact: true }).click();
  await expect(room.getByTestId("plan-link")).toHaveText(`기획안: ${PLAN_TITLE}`);
  const lane = room.getByTestId("shot-lane");
  await expect(lane).toHaveAttribute("data-source", "plan");
  await expect(lane.getByTestId("shot-block")).toHaveCount(9);
  await expect(room.getByTestId("current-shot")).toContainText("샷 1/9");

  // The plan page, open by the producer (who reads English) in a second window.
  const english = await browser.newContext({ locale: "en-US", viewport: VIEWPORT });
  await signInContext(english, producer);
  const planPage = await english.newPage();
  await planPage.goto(`/plans/${planId}`);
  const shotTwoCounts = planPage.locator('[data-testid="shot-feedback"][data-shot-number="2"]');
  await expect(shotTwoCounts).toContainText("0 open · 0 resolved");
  await expect(planPage.getByTestId("shot-feedback-note")).toContainText("브랜드 필름 본편 (v1)");

  // --- drag the cut between shots 1 and 2 later; it is saved as this version's map ---
  const cut = lane.getByTestId("shot-boundary").nth(1);
  const before = Number(await cut.getAttribute("data-frame"));
  const saved = room.waitForResponse((response) => response.url().includes("/shot-map/") && response.request().method() === "PUT");
  await dragBy(room, cut, 40);
  expect((await saved).status()).toBe(200);
  await expect(lane).toHaveAttribute("data-source", "edited");
  const after = Number(await cut.getAttribute("data-frame"));
  expect(after).toBeGreaterThan(before);

  // The focused boundary moves a frame at a time with the arrow keys (saved once they rest).
  const nudged = room.waitForResponse((response) => response.url().includes("/shot-map/") && response.request().method() === "PUT");
  await cut.focus();
  await room.keyboard.press("ArrowLeft");
  await expect(cut).toHaveAttribute("data-frame", String(after - 1));
  const body = (await (await nudged).request().postDataJSON()) as { shots: Array<{ start_frame: number }> };
  expect(body.shots[1]!.start_frame).toBe(after - 1);

  // --- a comment at shot 2's first frame carries the shot ---
  const shotTwo = lane.locator('[data-testid="shot-block"][data-shot-number="2"]');
  await shotTwo.hover();
  await expect(room.getByTestId("shot-tip")).toContainText("샷 2 · 클로즈업");
  await screenshot(room, "plan-cut-01-room-lane-ko");
  await shotTwo.click();
  await expect(room.getByTestId("current-shot")).toContainText("샷 2/9");
  await expect(room.getByTestId("current-shot")).toContainText("주인공이 이어폰 케이스를 여는 손");
  await expect(room.getByTestId("composer-timecode")).toHaveText(smpte(after - 1));
  await room.getByRole("textbox", { name: "코멘트", exact: true }).fill("케이스 여는 손이 너무 빨리 지나가요.");
  await room.getByRole("button", { name: "코멘트 남기기" }).click();
  // The server's copy carries the shot; then the optimistic copy is gone (one comment).
  const comment = room.getByTestId("feedback-item").filter({ hasText: "케이스 여는 손이" });
  await expect(comment.getByTestId("shot-badge")).toHaveText("샷 2");
  await expect(room.getByTestId("feedback-item")).toHaveCount(1);
  await expect(comment.getByTestId("feedback-timecode")).toHaveText(smpte(after - 1));

  // --- the plan page counted it, live ---
  await expect(shotTwoCounts).toContainText("1 open · 0 resolved");
  await screenshot(planPage, "plan-cut-02-plan-counts-en");

  // The comment list filters by shot.
  await room.getByTestId("shot-filter").selectOption({ label: "샷 2" });
  await expect(room.getByTestId("feedback-item")).toHaveCount(1);
  await room.getByTestId("shot-filter").selectOption({ label: "모든 샷" });
  await screenshot(room, "plan-cut-03-room-comment-ko");

  // --- "open in review" lands on the shot, in English ---
  await shotTwoCounts.getByRole("link", { name: /Open shot 2/ }).click();
  await expect(planPage).toHaveURL(new RegExp(`/assets/${asset.id}\\?version=${version.id}&frame=${after - 1}`));
  await expect(planPage.getByTestId("current-shot")).toContainText("Shot 2 of 9", { timeout: 15_000 });
  await expect(planPage.getByTestId("feedback-item").getByTestId("shot-badge")).toHaveText("Shot 2");
  await screenshot(planPage, "plan-cut-04-room-en");

  // The asset's card names its plan.
  await room.goto(`/projects/${project.id}/assets`);
  await expect(room.getByTestId("asset-card").getByTestId("plan-link")).toHaveText(`기획안: ${PLAN_TITLE}`);
  await screenshot(room, "plan-cut-05-assets-ko");

  await korean.close();
  await english.close();
});

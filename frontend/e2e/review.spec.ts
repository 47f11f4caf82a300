import type { Page } from "@playwright/test";

import { registerUser, signInContext } from "./support/projects";
import { addComment, addMember, createAsset, createProject, makeTestClip, uploadVersionAndWait } from "./support/review";
import { screenshot } from "./support/screenshots";
import { expect, test } from "./support/security";

async function dragOn(page: Page, selector: string, from: [number, number], to: [number, number]) {
  const box = await page.locator(selector).boundingBox();
  if (!box) throw new Error(`${selector} is not visible`);
  await page.mouse.move(box.x + box.width * from[0], box.y + box.height * from[1]);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * ((from[0] + to[0]) / 2), box.y + box.height * ((from[1] + to[1]) / 2), { steps: 4 });
  await page.mouse.move(box.x + box.width * to[0], box.y + box.height * to[1], { steps: 4 });
  await page.mouse.up();
}

test("editor and reviewer review a clip together live; a guest comments through a share link", async ({ browser, request }) => {
  test.setTimeout(240_000);
  const editor = await registerUser(request, "e2e-review-editor", "편집자 민준");
  const reviewer = await registerUser(request, "e2e-review-reviewer", "리뷰어 서연");
  const project = await createProject(request, editor, `리뷰 테스트 ${Date.now() % 10000}`);
  await addMember(request, editor, project.id, reviewer, "reviewer");
  const asset = await createAsset(request, editor, project.id, "메인 편집본");
  const clip = makeTestClip("main-cut-v1.mp4");

  const editorContext = await browser.newContext();
  await signInContext(editorContext, editor);
  const editorPage = await editorContext.newPage();

  // --- the editor uploads v1 on the assets page and sees it become ready live ---
  await editorPage.goto(`/projects/${project.id}/assets`);
  const card = editorPage.getByTestId("asset-card").filter({ hasText: "메인 편집본" });
  await expect(card).toBeVisible();
  await card.getByLabel("업로드할 영상 파일").setInputFiles(clip);
  await expect(card.getByTestId("version-status")).toHaveText("준비됨", { timeout: 90_000 });
  await expect(card.getByTestId("review-status")).toHaveText("검토 중");
  await expect(card.locator("img")).toBeVisible();
  await screenshot(editorPage, "review-01-assets");

  // --- both open the review room ---
  await card.getByRole("link", { name: "메인 편집본", exact: true }).click();
  await expect(editorPage).toHaveURL(new RegExp(`/assets/${asset.id}`));
  await expect(editorPage.getByRole("heading", { level: 1, name: "메인 편집본" })).toBeVisible();
  await expect(editorPage.getByTestId("review-video")).toHaveJSProperty("readyState", 4, { timeout: 30_000 });

  const reviewerContext = await browser.newContext();
  await signInContext(reviewerContext, reviewer);
  const reviewerPage = await reviewerContext.newPage();
  await reviewerPage.goto(`/assets/${asset.id}`);
  await expect(reviewerPage.getByTestId("review-video")).toHaveJSProperty("readyState", 4, { timeout: 30_000 });

  // Who is watching: each sees the other.
  await expect(editorPage.getByTestId("viewers")).toContainText("리뷰어 서연");
  await expect(reviewerPage.getByTestId("viewers")).toContainText("편집자 민준");

  // The reviewer plays the clip (media from the API, under the page's CSP) and stops it.
  await reviewerPage.getByRole("button", { name: "재생 (Space)" }).click();
  await expect.poll(() => reviewerPage.getByTestId("review-video").evaluate((video: HTMLVideoElement) => video.currentTime)).toBeGreaterThan(0);
  await reviewerPage.getByRole("button", { name: "일시정지 (Space)" }).click();

  // --- the editor steps to frame 5, draws a rectangle and comments ---
  await editorPage.getByTestId("timeline").focus();
  for (let i = 0; i < 5; i += 1) await editorPage.keyboard.press("ArrowRight");
  await expect(editorPage.getByTestId("timecode")).toHaveText("00:00:00:05");
  await editorPage.getByRole("button", { name: "그리기" }).click();
  await expect(editorPage.getByTestId("annotation-toolbar")).toBeVisible();
  await editorPage.getByRole("button", { name: "사각형" }).click();
  await dragOn(editorPage, '[data-testid="annotation-canvas"]', [0.2, 0.2], [0.6, 0.7]);
  await expect(editorPage.getByTestId("composer-timecode")).toHaveText("00:00:00:05");
  await editorPage.getByRole("textbox", { name: "코멘트", exact: true }).fill("로고가 너무 커요. 이 영역을 줄여 주세요.");
  const posted = editorPage.waitForResponse((response) => response.url().includes("/feedback/") && response.request().method() === "POST");
  await editorPage.getByRole("button", { name: "코멘트 남기기" }).click();
  const created = await (await posted).json();
  expect(created.frame).toBe(5);
  expect(created.annotation.shapes).toHaveLength(1);
  expect(created.annotation.shapes[0]).toMatchObject({ type: "rect", color: "#ff4d4f" });
  expect(created.annotation.shapes[0].x).toBeCloseTo(0.2, 1);
  expect(created.annotation.shapes[0].w).toBeCloseTo(0.4, 1);

  // --- the reviewer sees it live, with its marker; clicking the marker seeks there and shows the drawing ---
  const reviewerItem = reviewerPage.getByTestId("feedback-item").filter({ hasText: "로고가 너무 커요" });
  await expect(reviewerItem).toBeVisible();
  await expect(reviewerPage.getByTestId("timeline-marker")).toHaveCount(1);
  await reviewerPage.getByTestId("timeline-marker").click();
  await expect(reviewerPage.getByTestId("timecode")).toHaveText("00:00:00:05");
  await expect(reviewerPage.getByTestId("review-player").getByTestId("annotation-view")).toBeVisible();
  await expect(reviewerItem).toHaveAttribute("data-current", "true");

  // --- the reviewer replies; the editor sees the reply and resolves; the reviewer sees it resolved ---
  await reviewerItem.getByRole("button", { name: "답글", exact: true }).click();
  await reviewerItem.getByRole("textbox", { name: "답글", exact: true }).fill("동의합니다. 70% 정도로요.");
  await reviewerItem.getByRole("button", { name: "답글", exact: true }).last().click();
  const editorItem = editorPage.getByTestId("feedback-item").filter({ hasText: "로고가 너무 커요" });
  await expect(editorItem.getByTestId("feedback-reply")).toContainText("동의합니다. 70% 정도로요.");

  // --- the reviewer takes the reply back, asked first in the room's own dialog; it goes for the editor too ---
  await reviewerItem.getByTestId("feedback-reply").getByRole("button", { name: "삭제", exact: true }).click();
  const confirmDelete = reviewerPage.getByRole("alertdialog", { name: "이 코멘트를 삭제할까요?" });
  await expect(confirmDelete).toBeVisible();
  await screenshot(reviewerPage, "review-02a-delete-reply");
  await confirmDelete.getByRole("button", { name: "삭제", exact: true }).click();
  await expect(confirmDelete).toBeHidden();
  await expect(editorItem.getByTestId("feedback-reply")).toHaveCount(0);
  await expect(reviewerItem.getByTestId("feedback-reply")).toHaveCount(0);

  await editorItem.getByTestId("resolve-button").click();
  await expect(editorItem).toHaveAttribute("data-resolved", "true");
  await expect(reviewerItem).toHaveAttribute("data-resolved", "true");

  // --- the reviewer approves; the editor sees the decision and the version's status ---
  await reviewerPage.getByTestId("decision-panel").getByRole("button", { name: "승인", exact: true }).click();
  // They played only a moment of it: the room says so first (review attention); they approve anyway.
  await reviewerPage.getByTestId("unwatched-warning").getByRole("button", { name: "그래도 승인" }).click();
  await expect(reviewerPage.getByTestId("review-room").getByTestId("review-status").first()).toHaveText("승인됨");
  await expect(editorPage.getByTestId("decision-item")).toContainText("리뷰어 서연");
  await expect(editorPage.getByTestId("review-room").getByTestId("review-status").first()).toHaveText("승인됨");
  await screenshot(editorPage, "review-02-room-editor");
  await screenshot(reviewerPage, "review-03-room-reviewer");

  // --- v2 arrives; compare v2 with v1 side by side ---
  // An open note on v1 is carried over to v2.
  await addComment(request, reviewer, created.version_id, "엔딩 자막 오타 확인", 40);
  const clip2 = makeTestClip("main-cut-v2.mp4", { source: "testsrc2" });
  const v2 = await uploadVersionAndWait(request, editor, asset.id, clip2);
  // It arrives live on the project stream: the switcher offers it and a hint points at it.
  await expect(editorPage.getByTestId("version-switcher").locator("option")).toHaveCount(2);
  await editorPage.getByTestId("newer-version").click();
  await expect(editorPage).toHaveURL(new RegExp(`version=${v2.id}`));
  const carried = editorPage.getByTestId("feedback-item").filter({ hasText: "엔딩 자막 오타 확인" });
  await expect(carried).toContainText("v1에서 이어짐");
  await editorPage.getByTestId("compare-select").selectOption({ label: "v1" });
  await expect(editorPage.getByTestId("compare-players")).toBeVisible();
  await expect(editorPage.getByTestId("review-video")).toHaveCount(2);
  await editorPage.getByTestId("timeline").focus();
  for (let i = 0; i < 3; i += 1) await editorPage.keyboard.press("ArrowRight");
  await expect(editorPage.getByTestId("timecode")).toHaveText("00:00:00:03");
  await expect
    .poll(async () => editorPage.getByTestId("review-video").nth(1).evaluate((video: HTMLVideoElement) => Math.floor(video.currentTime * 25)))
    .toBe(3);
  await screenshot(editorPage, "review-04-compare");
  await editorPage.getByTestId("compare-select").selectOption({ label: "비교 안 함" });

  // --- a share link for v2; a guest comments under a name ---
  await editorPage.getByRole("button", { name: "공유" }).click();
  const dialog = editorPage.getByRole("dialog", { name: "외부 리뷰 링크" });
  await dialog.getByRole("button", { name: "링크 만들기" }).click();
  const url = await dialog.getByLabel("공유 링크").inputValue();
  expect(url).toContain("/share/");
  await dialog.getByRole("button", { name: "닫기" }).click();

  const guestContext = await browser.newContext();
  const guestPage = await guestContext.newPage();
  await guestPage.goto(url);
  await expect(guestPage.getByRole("heading", { level: 1 })).toContainText("메인 편집본");
  await expect(guestPage.getByTestId("review-video")).toHaveJSProperty("readyState", 4, { timeout: 30_000 });
  await guestPage.getByLabel("이름").fill("클라이언트 김");
  await guestPage.getByRole("button", { name: "프레임에 그리기" }).click();
  await dragOn(guestPage, '[data-testid="annotation-canvas"]', [0.5, 0.5], [0.8, 0.8]);
  await guestPage.getByRole("button", { name: "완료" }).click();
  await guestPage.getByRole("textbox", { name: "코멘트", exact: true }).fill("색감이 좋아요!");
  await guestPage.getByRole("button", { name: "코멘트 남기기" }).click();
  await expect(guestPage.getByTestId("guest-feedback-item").filter({ hasText: "색감이 좋아요!" })).toBeVisible();
  await screenshot(guestPage, "review-05-share");

  // The team sees the guest's comment live on v2.
  const guestNote = editorPage.getByTestId("feedback-item").filter({ hasText: "색감이 좋아요!" });
  await expect(guestNote).toBeVisible();
  await expect(guestNote).toContainText("게스트");
  await expect(guestNote).toContainText("그림");

  await guestContext.close();
  await reviewerContext.close();
  await editorContext.close();
});

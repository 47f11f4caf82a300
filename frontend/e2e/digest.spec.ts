import { postComment } from "./support/digest";
import { registerUser, signInContext } from "./support/projects";
import { addMember, createAsset, createProject, makeTestClip, uploadVersionAndWait } from "./support/review";
import { screenshot } from "./support/screenshots";
import { expect, test } from "./support/security";

// The e2e backend points OPENAI_BASE_URL at tests/fake_openai.py, which triages by keywords
// and cites every comment it was shown in the digest.
const COMMENTS = [
  { body: "색감이 너무 차가워요", frame: 3 },
  { body: "음악 볼륨이 대사보다 커요", frame: 8 },
  { body: "자막 오타가 있어요", frame: 12 },
  { body: "이 컷은 조금 더 길게", frame: 16 },
  { body: "초점이 나갔어요", frame: 20 },
  { body: "로고 위치가 애매합니다", frame: 24 },
  { body: "색 온도를 맞춰 주세요", frame: 28 },
  { body: "효과음 소리가 작아요", frame: 32 },
  { body: "편집 속도가 빨라요", frame: 36 },
];

test("comments get AI triage badges; a reviewer asks for the round digest and jumps to a cited comment", async ({
  browser,
  request,
}) => {
  test.setTimeout(240_000);
  const editor = await registerUser(request, "e2e-digest-editor", "편집자 하준");
  const reviewer = await registerUser(request, "e2e-digest-reviewer", "리뷰어 지우");
  const project = await createProject(request, editor, `요약 테스트 ${Date.now() % 10000}`);
  await addMember(request, editor, project.id, reviewer, "reviewer");
  const asset = await createAsset(request, editor, project.id, "티저 15초");
  const version = await uploadVersionAndWait(request, editor, asset.id, makeTestClip("teaser.mp4"));

  // Nine comments wait for a batch; the tenth, urgent, sends them all in one call at once.
  const posted = [];
  for (const comment of COMMENTS) posted.push(await postComment(request, reviewer, version.id, comment));
  posted.push(await postComment(request, reviewer, version.id, { body: "자막이 잘려요, 급해요", frame: 40, urgent: true }));

  const context = await browser.newContext();
  await signInContext(context, reviewer);
  const page = await context.newPage();
  await page.goto(`/assets/${asset.id}`);
  await expect(page.getByTestId("review-video")).toHaveJSProperty("readyState", 4, { timeout: 30_000 });
  await expect(page.getByTestId("feedback-item")).toHaveCount(10);
  await expect(page.getByTestId("triage-badge")).toHaveCount(10, { timeout: 30_000 });
  await expect(page.getByTestId("feedback-item").filter({ hasText: "음악 볼륨이" }).getByTestId("triage-badge")).toContainText(
    "사운드",
  );

  // --- the digest: requested, progress, then the summary grouped by category ---
  const panel = page.getByTestId("version-digest");
  const toggle = panel.getByRole("button", { name: "AI 라운드 요약" });
  await expect(toggle).toHaveAttribute("aria-expanded", "false"); // folded in the sidebar until wanted
  await toggle.click();
  await expect(panel.getByText("아직 요약이 없습니다")).toBeVisible();
  await panel.getByRole("button", { name: "요약 요청" }).click();
  await expect(panel.getByRole("region", { name: /색보정/ })).toBeVisible({ timeout: 30_000 });
  await expect(panel.getByRole("region", { name: /사운드/ })).toBeVisible();
  await expect(panel.getByText("이번 라운드 피드백 요약")).toBeVisible();
  await screenshot(page, "digest-01-summary");

  // A cited comment is a button with its timecode; it seeks the player there.
  const sound = posted[1]!;
  await panel.getByRole("button", { name: `${sound.smpte} 코멘트로 이동` }).click();
  await expect(page.getByTestId("timecode")).toHaveText(sound.smpte);
  await expect(page.getByTestId("feedback-item").filter({ hasText: "음악 볼륨이" })).toHaveAttribute("data-current", "true");
  await screenshot(page, "digest-02-seek");

  await context.close();
});
